import Link from "next/link";
import { isDomainError, listTeamDeliveries, roleAtLeast, type TDeliveryView } from "@crm/core";
import { Badge, Card } from "@crm/ui";
import { RetryDeliveryButton } from "@/features/deliveries/components/retry-delivery-button";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Email deliveries" };

const timeFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const KIND_LABELS: Record<string, string> = { digest: "Weekly digest", summary: "Daily summary", notification: "Notification" };
const TONE = { SENT: "green", PENDING: "amber", FAILED: "red" } as const;
const STATUS_LABEL = { SENT: "Sent", PENDING: "Sending", FAILED: "Failed" } as const;

function when(iso: string) {
  return <time dateTime={iso}>{timeFmt.format(new Date(iso))} UTC</time>;
}

function Row({ d, slug }: { d: TDeliveryView; slug: string }) {
  return (
    <tr className="border-b align-top last:border-0" data-testid="delivery-row">
      <td className="py-3 pr-3"><Badge tone={TONE[d.status]}>{STATUS_LABEL[d.status]}</Badge></td>
      <td className="pr-3 py-3">{KIND_LABELS[d.kind ?? ""] ?? d.kind ?? "Email"}</td>
      <td className="pr-3 py-3 break-all">{d.to}</td>
      <td className="pr-3 py-3">
        <span className="font-medium text-gray-900">{d.subject}</span>
        {d.lastError && d.status !== "SENT" && <span className="block text-xs text-red-800">Last error: {d.lastError}</span>}
      </td>
      <td className="pr-3 py-3 whitespace-nowrap">
        {when(d.createdAt)}
        <span className="block text-xs text-gray-600">
          {d.status === "SENT" && d.sentAt ? <>Sent {when(d.sentAt)}</> : d.status === "FAILED" && d.failedAt ? <>Gave up {when(d.failedAt)}</> : null}
        </span>
      </td>
      <td className="pr-3 py-3">{d.attempts} of {d.maxAttempts}</td>
      <td className="py-3 text-right">{d.status === "FAILED" ? <RetryDeliveryButton teamSlug={slug} outboxId={d.id} subject={d.subject} /> : null}</td>
    </tr>
  );
}

export default async function DeliveriesPage({ params, searchParams }: {
  params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const team = await requireTeam((await pageParams(params)).slug);
  if (!roleAtLeast(team.role, "ADMIN")) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Email deliveries</h1>
        <Card><p className="text-sm text-gray-800">Only owners and admins can see whether the team’s emails were delivered. Your own email settings are under Notifications.</p></Card>
      </div>
    );
  }
  const sp = await searchParams;
  const failedOnly = sp.failed === "1";
  const cursor = typeof sp.cursor === "string" && sp.cursor.length <= 500 ? sp.cursor : undefined;
  const page = await listTeamDeliveries(team, { cursor, failedOnly }).catch((e: unknown) => {
    if (isDomainError(e) && e.code === "VALIDATION") return listTeamDeliveries(team, { failedOnly });
    throw e;
  });
  const base = `/t/${team.slug}/settings/deliveries`;
  const filterQs = failedOnly ? "failed=1&" : "";
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Email deliveries</h1>
      <p className="max-w-3xl text-sm text-gray-700">
        Weekly digests, daily summaries and notification emails sent to members of {team.teamName}. An email that could not be delivered is tried
        {" "}{page.items[0]?.maxAttempts ?? 8} times over a few minutes, then shown here as failed: fix the cause (for example the mail server), then send it again.
      </p>
      <nav aria-label="Which emails" className="flex gap-4 text-sm">
        <Link href={base} aria-current={!failedOnly ? "page" : undefined} className={`underline-offset-4 focus-visible:outline-2 focus-visible:outline-blue-600 ${!failedOnly ? "font-medium underline" : "text-blue-800"}`}>All emails</Link>
        <Link href={`${base}?failed=1`} aria-current={failedOnly ? "page" : undefined} className={`underline-offset-4 focus-visible:outline-2 focus-visible:outline-blue-600 ${failedOnly ? "font-medium underline" : "text-blue-800"}`}>
          Failed only{page.failed > 0 ? ` (${page.failed >= 1000 ? "999+" : page.failed})` : ""}
        </Link>
      </nav>
      <Card>
        {page.items.length === 0 ? (
          <p className="text-sm text-gray-700">{failedOnly ? "No failed emails." : "No team emails yet."}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{failedOnly ? "Failed emails" : "Emails"} of {team.teamName}, newest first</caption>
              <thead className="border-b text-gray-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">Status</th><th scope="col" className="pr-3">Kind</th><th scope="col" className="pr-3">To</th>
                  <th scope="col" className="pr-3">Subject</th><th scope="col" className="pr-3">Created</th><th scope="col" className="pr-3">Attempts</th>
                  <th scope="col" className="text-right"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>{page.items.map((d) => <Row key={d.id} d={d} slug={team.slug} />)}</tbody>
            </table>
          </div>
        )}
      </Card>
      {(cursor || page.nextCursor) && (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {cursor && <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`${base}${failedOnly ? "?failed=1" : ""}`}>Newest</Link>}
          {page.nextCursor && <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`${base}?${filterQs}cursor=${encodeURIComponent(page.nextCursor)}`}>Older emails</Link>}
        </nav>
      )}
    </div>
  );
}
