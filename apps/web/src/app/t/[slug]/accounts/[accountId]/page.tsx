import Link from "next/link";
import { canImportInto, getInvitationSummary, getLinkedInAccount, listImports, maxUploadBytes } from "@crm/core";
import { Alert, Card, Stats } from "@crm/ui";
import { ImportHistory } from "@/features/imports/components/import-history";
import { UploadPanel } from "@/features/imports/components/upload-panel";
import { isActive } from "@/features/imports/labels";
import { AccountInvitationsSummary } from "@/features/invitations/components/account-invitations-summary";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "LinkedIn account" };

export default async function AccountPage({ params }: { params: Promise<{ slug: string; accountId: string }> }) {
  const { slug, accountId } = await pageParams(params);
  const team = await requireTeam(slug);
  const account = await orNotFound(getLinkedInAccount(team, accountId));
  const imports = await listImports(team, account.id);
  const running = imports.find((i) => isActive(i.status));
  const waiting = imports.find((i) => i.status === "NEEDS_CONFIRMATION");
  const invitations = await getInvitationSummary(team, account.id);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        <p className="text-sm"><Link className="text-blue-800 underline" href={`/t/${team.slug}/accounts`}>← LinkedIn accounts</Link></p>
        <h1 className="text-2xl font-semibold">{account.label}</h1>
        <Stats
          className="lg:grid-cols-3"
          items={[
            { label: "Connections", value: account.connectionCount.toLocaleString("en") },
            { label: "Owner", value: <span className="text-base">{account.owner.id === team.userId ? `${account.owner.name} (you)` : account.owner.name}</span> },
            { label: "Time zone", value: <span className="text-base">{account.timeZone.replace(/_/g, " ")}</span>, hint: account.isNew ? "New account: lower daily removal budget" : undefined },
          ]}
        />
      </div>
      <nav aria-label="Removals" className="flex flex-wrap gap-4 text-sm" data-testid="account-removal-links">
        <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`/t/${team.slug}/removals/${account.id}`}>
          {account.owner.id === team.userId ? "Today’s removal session" : "Today’s removal progress"}
        </Link>
        <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`/t/${team.slug}/removals/${account.id}/removed`}>Removed people</Link>
        <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`/t/${team.slug}/removals/${account.id}/policy`}>Removal policy</Link>
      </nav>
      {running && (
        <Alert>
          An import of {running.fileName} is running. <Link className="underline" href={`/t/${team.slug}/imports/${running.importId}`}>Follow its progress</Link>
        </Alert>
      )}
      {waiting && (
        <Alert>
          The import of {waiting.fileName} is waiting: is it your whole network or a partial list?{" "}
          <Link className="underline" href={`/t/${team.slug}/imports/${waiting.importId}`}>Answer to apply it</Link>
        </Alert>
      )}
      <Card title="Upload a LinkedIn export">
        {canImportInto(team, account) ? (
          <UploadPanel uploadUrl={`/api/uploads/${team.slug}/${account.id}`} maxBytes={maxUploadBytes()} />
        ) : (
          <p className="text-sm text-gray-700">Only {account.owner.name}, or a team owner or admin, can upload this account’s exports.</p>
        )}
      </Card>
      <Card title="Import history">
        <ImportHistory teamSlug={team.slug} imports={imports} timeZone={account.timeZone} />
      </Card>
      <div id="invitations">
        <Card title="Invitations">
          <AccountInvitationsSummary slug={team.slug} accountId={account.id} summary={invitations} />
        </Card>
      </div>
    </div>
  );
}
