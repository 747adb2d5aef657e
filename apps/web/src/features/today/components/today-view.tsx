import Link from "next/link";
import type { ReactNode } from "react";
import type { TReviewItemSummary, TToday } from "@crm/core";
import { buttonClass, Card } from "@crm/ui";
import { queuePath } from "@/features/review/queue-url";
import type { TDecisions } from "../load-decisions";
import { DueReminders } from "./due-reminders";

// The team home once the team has data: what waits for me, what to look at next, who changed
// jobs, and each account’s queue. All from one getToday call (bounded in core), except my due
// reminders, which DueReminders reads itself (listReminders, one page).

const n = (x: number) => x.toLocaleString("en");
const cardPath = (slug: string, itemId: string) => `/t/${slug}/queue/items/${itemId}`;
const linkClass = "text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

const tileClass = "flex h-full flex-col rounded-md bg-gray-50 p-3 ring-1 ring-gray-200";
const tileLinkClass = `${tileClass} hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600`;

function TileText({ label, value, hint }: { label: string; value: number | null; hint: string }) {
  return (
    <>
      <span className="text-xs font-medium uppercase tracking-wide text-gray-600">{label}</span>
      {value !== null && <span className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{n(value)}</span>}
      <span className="mt-1 text-xs text-gray-600">{hint}</span>
    </>
  );
}

/**
 * "Need my decision" links to the queue's "Waiting for the account owner" view for the account(s)
 * I decide for, and its number is that view's count: one link for one account (or all of them),
 * one per account when I decide for some of several.
 */
function DecisionTile({ decisions }: { decisions: TDecisions | null }) {
  const label = "Need my decision";
  const hint = "Teammates voted; you decide.";
  if (!decisions) {
    return <div data-testid="today-waiting" className={tileClass}><TileText label={label} value={null} hint="Each LinkedIn account’s owner decides on its queue; you vote." /></div>;
  }
  const [only] = decisions.links;
  if (decisions.links.length === 1 && only && decisions.more === 0) {
    return <Link href={only.href} data-testid="today-waiting" className={tileLinkClass}><TileText label={label} value={decisions.total} hint={hint} /></Link>;
  }
  return (
    <div data-testid="today-waiting" className={tileClass}>
      <TileText label={label} value={decisions.total} hint={hint} />
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {decisions.links.map((l) => (
          <li key={l.href} data-testid="today-decision-account">
            <Link className={linkClass} href={l.href}>{l.label}: {n(l.count)}</Link>
          </li>
        ))}
        {decisions.more > 0 && <li className="text-gray-700">and {n(decisions.more)} more accounts (pick one in the review queue)</li>}
      </ul>
    </div>
  );
}

function Waiting({ slug, waiting, decisions }: { slug: string; waiting: TToday["waiting"]; decisions: TDecisions | null }) {
  const total = waiting.needsMyVote + (decisions?.total ?? 0);
  return (
    <Card
      title="Waiting for me"
      actions={total > 0 ? <Link className={buttonClass("primary")} href={`/t/${slug}/queue/review`}>Start reviewing</Link> : undefined}
    >
      <ul className="grid gap-3 sm:grid-cols-3">
        <li>
          <Link href={queuePath(slug, { view: "needs_my_vote" })} data-testid="today-waiting" className={tileLinkClass}>
            <TileText label="Need my vote" value={waiting.needsMyVote} hint="Open items you have not voted on." />
          </Link>
        </li>
        <li><DecisionTile decisions={decisions} /></li>
        <li>
          <Link href={`/t/${slug}/reminders`} data-testid="today-waiting" className={tileLinkClass}>
            <TileText label="Follow-ups due" value={waiting.followUpsDue} hint="Reminders due within a week." />
          </Link>
        </li>
      </ul>
      {total === 0 && <p className="mt-3 text-sm text-gray-700">Nothing waits for your vote or decision right now.</p>}
    </Card>
  );
}

const why = (item: TReviewItemSummary) => item.rules.map((r) => r.label).join(", ") || item.reason || "Proposed by hand";

function NextItems({ slug, items }: { slug: string; items: TReviewItemSummary[] }) {
  if (items.length === 0) return null;
  return (
    <Card title="Next up" actions={<Link className={linkClass} href={queuePath(slug)}>Open the review queue</Link>}>
      <ul className="divide-y divide-gray-200">
        {items.map((item) => (
          <li key={item.id} data-testid="today-next-item" className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
            <span className="min-w-0">
              <Link className={`${linkClass} font-medium`} href={cardPath(slug, item.id)}>{item.connection.name}</Link>
              <span className="text-sm text-gray-700"> · {why(item)}</span>
            </span>
            <span className="text-sm text-gray-700">
              {item.tally.text || "No votes yet"}
              <span className="text-gray-500"> · {item.account.label}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function JobChanges({ slug, changes }: { slug: string; changes: TToday["jobChanges"] }) {
  if (changes.length === 0) return null;
  return (
    <Card title="Recent job changes" actions={<Link className={linkClass} href={queuePath(slug, { kind: "job_change" })}>All job changes</Link>}>
      <ul className="divide-y divide-gray-200">
        {changes.map((c) => {
          const now = [c.position, c.company].filter(Boolean).join(" at ");
          return (
            <li key={c.connectionId} data-testid="today-job-change" className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
              <span className="min-w-0">
                <Link className={`${linkClass} font-medium`} href={c.itemId ? cardPath(slug, c.itemId) : `/t/${slug}/connections/${c.connectionId}`}>{c.name}</Link>
                {now && <span className="text-sm text-gray-700"> · now {now}</span>}
              </span>
              <span className="text-sm text-gray-500">{c.accountLabel}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function Accounts({ slug, accounts }: { slug: string; accounts: TToday["accounts"] }) {
  if (accounts.length === 0) return null;
  return (
    <Card title="Queue by account">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Open and approved review items per LinkedIn account</caption>
        <thead className="text-xs uppercase tracking-wide text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Account</th>
            <th scope="col" className="py-2 pr-4 font-medium">Owner</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Open</th>
            <th scope="col" className="py-2 text-right font-medium">Approved for removal</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200">
          {accounts.map((a) => (
            <tr key={a.id} data-testid="today-account">
              <th scope="row" className="py-2 pr-4 font-normal">
                <Link className={linkClass} href={queuePath(slug, { account: a.id, view: "needs_my_vote" })}>{a.label}</Link>
              </th>
              <td className="py-2 pr-4 text-gray-700">{a.owner.name}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{n(a.open)}</td>
              <td className="py-2 text-right tabular-nums">
                <Link className={linkClass} href={queuePath(slug, { account: a.id, view: "approved", kind: "remove" })}>{n(a.approved)}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/**
 * `removals`: today's removal sessions of my accounts (RemovalTiles); `invitations`: each account's
 * invitation counts (InvitationTiles). Both async server components.
 */
export function TodayView({ slug, today, decisions, removals, invitations }: { slug: string; today: TToday; decisions: TDecisions | null; removals?: ReactNode; invitations?: ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      {removals}
      {invitations}
      <DueReminders slug={slug} />
      <Waiting slug={slug} waiting={today.waiting} decisions={decisions} />
      <NextItems slug={slug} items={today.nextItems} />
      <div className="grid gap-6 lg:grid-cols-2">
        <JobChanges slug={slug} changes={today.jobChanges} />
        <Accounts slug={slug} accounts={today.accounts} />
      </div>
    </div>
  );
}
