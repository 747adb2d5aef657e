import Link from "next/link";
import { getLinkedInAccount, listAccountInvitations, RECEIVED_INVITATIONS_URL } from "@crm/core";
import { Card } from "@crm/ui";
import { IncomingTable } from "@/features/invitations/components/incoming-table";
import { InvitationFilters } from "@/features/invitations/components/invitation-filters";
import { InvitationTabs } from "@/features/invitations/components/invitation-tabs";
import { InvitationsBanner } from "@/features/invitations/components/invitations-banner";
import { OutgoingTable } from "@/features/invitations/components/outgoing-table";
import { Pager } from "@/features/invitations/components/pager";
import { WithdrawnTable } from "@/features/invitations/components/withdrawn-table";
import { dateFormatIn } from "@/features/invitations/labels";
import { TAB_LABELS, invitationsHref, parsePageQuery, toListInput, withdrawQueueHref, withdrawalsLaneHref } from "@/features/invitations/page-query";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Invitations" };

const linkClass = "text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600";

/** One account's LinkedIn invitations: open outgoing ones to withdraw, received ones by fit, recent withdrawals. */
export default async function InvitationsPage({ params, searchParams }: {
  params: Promise<{ slug: string; accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, accountId } = await pageParams(params);
  const q = parsePageQuery(await searchParams);
  const team = await requireTeam(slug);
  const account = await orNotFound(getLinkedInAccount(team, accountId));
  const list = await listAccountInvitations(team, account.id, toListInput(q));
  const isOwner = account.owner.id === team.userId;
  const fmt = dateFormatIn(account.timeZone);
  const here = (over: Partial<typeof q>) => invitationsHref(team.slug, account.id, { ...q, ...over });
  const sortHref = (sort: typeof q.sort, dir: typeof q.dir) => here({ sort, dir, page: 1 });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm"><Link className={linkClass} href={`/t/${team.slug}/accounts/${account.id}`}>← {account.label}</Link></p>
        <h1 className="text-2xl font-semibold">Invitations of {account.label}</h1>
        <p className="text-sm text-gray-700">From Invitations.csv in the account’s latest full LinkedIn archive.</p>
      </div>
      <InvitationsBanner summary={list.summary} />
      <nav aria-label="Withdrawals" className="flex flex-wrap gap-4 text-sm">
        <Link className={linkClass} href={withdrawQueueHref(team.slug, account.id)}>Withdraw proposals in the review queue</Link>
        <Link className={linkClass} href={withdrawalsLaneHref(team.slug, account.id)}>{isOwner ? "Withdraw approved invitations (session)" : "Withdrawal session progress"}</Link>
      </nav>
      <Card title={`${TAB_LABELS[q.tab]} invitations`}>
        <div className="flex flex-col gap-4">
          <InvitationTabs current={q.tab} summary={list.summary} href={(tab) => invitationsHref(team.slug, account.id, { tab })} />
          {q.tab === "incoming" && (
            <p className="text-sm text-gray-700">
              Best fit first, scored against your team’s ICPs from the inviter’s message and, when a teammate is connected to them, that connection’s title and company.{" "}
              <a className={linkClass} href={RECEIVED_INVITATIONS_URL} target="_blank" rel="noopener noreferrer">
                Open received invitations<span className="sr-only"> on LinkedIn (opens in a new tab)</span>
              </a>
              {isOwner ? ", answer there, then record what you did here." : "."}
            </p>
          )}
          {q.tab === "withdrawn" && <p className="text-sm text-gray-700">LinkedIn blocks re-inviting someone for about three weeks after a withdrawal.</p>}
          <InvitationFilters q={q} action={`/t/${team.slug}/accounts/${account.id}/invitations`} resetHref={invitationsHref(team.slug, account.id, { tab: q.tab })} withdrawAfterDays={list.summary.withdrawAfterDays} />
          {list.truncated && <p className="text-sm text-amber-900">More than 5,000 received invitations: only the newest 5,000 are listed and scored.</p>}
          {q.tab === "outgoing" && <OutgoingTable list={list} slug={team.slug} fmt={fmt} timeZone={account.timeZone} sortHref={sortHref} />}
          {q.tab === "incoming" && (
            <IncomingTable list={list} slug={team.slug} accountId={account.id} isOwner={isOwner} ownerName={account.owner.name} fmt={fmt} timeZone={account.timeZone} sortHref={sortHref} />
          )}
          {q.tab === "withdrawn" && <WithdrawnTable list={list} fmt={fmt} timeZone={account.timeZone} sortHref={sortHref} />}
          <Pager page={list.page} pages={list.pages} total={list.total} shown={list.rows.length} pageHref={(page) => here({ page })} label={`${TAB_LABELS[q.tab]} invitations`} />
        </div>
      </Card>
    </div>
  );
}
