"use client";
import { memo, type KeyboardEvent, type Ref } from "react";
import type { TReviewItemSummary } from "@crm/core";
import { FIT_LABELS, fitClass, formatDate } from "@/features/connections/labels";
import { choiceLabelsOf, KIND_LABELS, STATE_LABELS } from "../../queue-url";

const dash = <span className="text-gray-400">—</span>;
const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

const KIND_CLASS: Record<string, string> = {
  remove: "bg-red-50 text-red-800 ring-red-200",
  follow_up: "bg-green-50 text-green-800 ring-green-200",
  job_change: "bg-amber-50 text-amber-900 ring-amber-200",
  withdraw_invitation: "bg-purple-50 text-purple-900 ring-purple-200",
};

function Why({ item }: { item: TReviewItemSummary }) {
  if (item.origin === "manual" && !item.rules.length) return item.reason ? <span className="line-clamp-2 min-w-32">Proposed: {item.reason}</span> : <span>Proposed by hand</span>;
  return (
    <ul className="flex min-w-32 flex-col gap-0.5" aria-label="Why it is in the queue">
      {item.rules.map((r) => (
        <li key={r.code} title={r.detail ?? undefined}>{r.label}</li>
      ))}
      {item.reason && <li className="text-gray-600">“{item.reason}”</li>}
    </ul>
  );
}

function Tally({ item }: { item: TReviewItemSummary }) {
  if (!item.tally.text) return <span className="text-gray-500">No votes yet</span>;
  return (
    <span className="flex flex-col items-start gap-1">
      <span className={item.tally.disagreement ? "font-medium text-amber-900" : undefined}>{item.tally.text}</span>
      {item.tally.disagreement && (
        <span data-testid="disagreement" className="inline-flex whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300">Disagreement</span>
      )}
      {item.myVote && <span className="text-xs text-gray-600">You: {choiceLabelsOf(item.kind)[item.myVote]}</span>}
    </span>
  );
}

function State({ item }: { item: TReviewItemSummary }) {
  const decided = item.decision ? `Decided ${choiceLabelsOf(item.kind)[item.decision]}${item.decidedBy ? ` by ${item.decidedBy.name}` : ""}` : null;
  const state = item.kind === "withdraw_invitation" && item.state === "approved" ? "Approved for withdrawal" : STATE_LABELS[item.state];
  return (
    <span className="flex min-w-28 flex-col gap-0.5">
      <span className="font-medium">{state}</span>
      {decided && <span className="text-xs text-gray-700">{decided}</span>}
      {item.state === "snoozed" && item.snoozedUntil && <span className="text-xs text-gray-700">until {formatDate(item.snoozedUntil)}</span>}
      {item.closedReason && <span className="text-xs text-gray-700">{item.closedReason}</span>}
    </span>
  );
}

type TRowProps = {
  item: TReviewItemSummary;
  index: number;
  href: string;
  showAccount: boolean;
  selected: boolean;
  focusable: boolean;
  onToggle: (id: string, index: number, shift: boolean) => void;
  onFocusRow: (index: number) => void;
};

/** A withdraw_invitation row: when it was sent and whether it carried a message, where a connection shows company and title. */
function InvitationCells({ item }: { item: TReviewItemSummary }) {
  const inv = item.invitation!;
  return (
    <td className="py-2.5 pr-4" colSpan={2}>
      <span className="flex min-w-36 flex-col items-start gap-1">
        <span>
          {inv.sentAt ? <>Sent <time dateTime={inv.sentAt}>{formatDate(inv.sentAt)}</time></> : "Sent on an unknown date"}
          {inv.ageDays !== null && <span className="text-gray-600"> · {inv.ageDays.toLocaleString("en")} {inv.ageDays === 1 ? "day" : "days"}</span>}
        </span>
        {!inv.hasMessage && <span className="inline-flex whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300">No personal message</span>}
      </span>
    </td>
  );
}

const Row = memo(function Row({ item, index, href, showAccount, selected, focusable, onToggle, onFocusRow }: TRowProps) {
  const c = item.connection;
  const name = c.name || "Unnamed connection";
  const invitation = item.kind === "withdraw_invitation" && item.invitation !== null;
  return (
    <tr data-testid="queue-row" data-id={item.id} data-index={index} className={`border-b border-gray-200 align-top ${selected ? "bg-blue-50" : "hover:bg-gray-50"}`}>
      <td className="w-10 py-2.5 pl-3">
        <input
          type="checkbox"
          data-row-check
          tabIndex={focusable ? 0 : -1}
          aria-label={`Select ${name}`}
          checked={selected}
          onFocus={() => onFocusRow(index)}
          onClick={(e) => onToggle(item.id, index, e.shiftKey)}
          onChange={() => undefined}
          className={`h-4 w-4 accent-blue-700 ${focusRing}`}
        />
      </td>
      <th scope="row" className="py-2.5 pr-4 text-left font-medium">
        <a href={href} tabIndex={focusable ? 0 : -1} onFocus={() => onFocusRow(index)} className={`text-blue-800 hover:underline ${focusRing}`}>
          {invitation ? `Withdraw invitation to ${name}` : name}
        </a>
        <a
          href={c.linkedInUrl}
          target="_blank"
          rel="noopener noreferrer"
          tabIndex={focusable ? 0 : -1}
          onFocus={() => onFocusRow(index)}
          aria-label={`${name} on LinkedIn (opens in a new tab)`}
          className={`ml-2 whitespace-nowrap text-xs font-normal text-gray-600 underline hover:text-blue-800 ${focusRing}`}
        >
          LinkedIn<span aria-hidden="true"> ↗</span>
        </a>
      </th>
      {invitation ? <InvitationCells item={item} /> : (
        <>
          <td className="py-2.5 pr-4">{c.company ? <span className="line-clamp-2 min-w-28">{c.company}</span> : dash}</td>
          <td className="py-2.5 pr-4">{c.position ? <span className="line-clamp-2 min-w-36">{c.position}</span> : dash}</td>
        </>
      )}
      {showAccount && (
        <td className="py-2.5 pr-4">
          <span className="block whitespace-nowrap">{item.account.label}</span>
          <span className="block text-xs text-gray-600">{item.account.owner.name}</span>
        </td>
      )}
      <td className="py-2.5 pr-4">
        <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${KIND_CLASS[item.kind] ?? ""}`}>{KIND_LABELS[item.kind]}</span>
      </td>
      <td className="py-2.5 pr-4"><Why item={item} /></td>
      <td className="py-2.5 pr-4">
        {c.score === null ? dash : (
          <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold tabular-nums ring-1 ${fitClass(c.fit)}`}>
            {c.score}
            {c.fit && <span className="font-normal">· {FIT_LABELS[c.fit] ?? c.fit}</span>}
          </span>
        )}
      </td>
      <td className="py-2.5 pr-4"><Tally item={item} /></td>
      <td className="py-2.5 pr-4"><State item={item} /></td>
    </tr>
  );
});

type TQueueRowsProps = {
  items: TReviewItemSummary[];
  hrefFor: (id: string) => string;
  showAccount: boolean;
  selected: ReadonlySet<string>;
  allMatching: boolean;
  focusIndex: number;
  allSelected: boolean;
  someSelected: boolean;
  onSelectPage: (on: boolean) => void;
  onToggle: (id: string, index: number, shift: boolean) => void;
  onFocusRow: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => void;
  bodyRef: Ref<HTMLTableSectionElement>;
};

const HEAD = ["Name", "Company", "Position", "Account", "Kind", "Why", "Score", "Votes", "State"] as const;

/**
 * The queue as a table. One row is in the tab order at a time (roving tabindex: its checkbox, name
 * and LinkedIn link): Tab enters the table at the current row and leaves it after that row; j/k or
 * the arrow keys move between rows, Space or x ticks (Shift for a range), o opens the card.
 */
export function QueueRows(p: TQueueRowsProps) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">Review items. Keys: j and k move between rows, Space or x selects, o opens the card.</caption>
      <thead className="border-b border-gray-300 bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
        <tr>
          <th scope="col" className="w-10 py-2 pl-3">
            <input
              type="checkbox"
              aria-label="Select all on this page"
              checked={p.allSelected}
              ref={(el) => {
                if (el) el.indeterminate = p.someSelected && !p.allSelected;
              }}
              onChange={(e) => p.onSelectPage(e.target.checked)}
              className={`h-4 w-4 accent-blue-700 ${focusRing}`}
            />
          </th>
          {HEAD.filter((h) => h !== "Account" || p.showAccount).map((h) => (
            <th key={h} scope="col" className="whitespace-nowrap py-2 pr-4 font-semibold">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody ref={p.bodyRef} onKeyDown={p.onKeyDown}>
        {p.items.map((item, i) => (
          <Row
            key={item.id}
            item={item}
            index={i}
            href={p.hrefFor(item.id)}
            showAccount={p.showAccount}
            selected={p.allMatching || p.selected.has(item.id)}
            focusable={i === p.focusIndex}
            onToggle={p.onToggle}
            onFocusRow={p.onFocusRow}
          />
        ))}
      </tbody>
    </table>
  );
}
