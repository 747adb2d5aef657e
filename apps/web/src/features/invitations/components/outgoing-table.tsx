import type { TDateFormat } from "@/features/invitations/labels";
import Link from "next/link";
import type { TInvitationList, TInvitationSort } from "@crm/core";
import { Badge } from "@crm/ui";
import { ageText, withdrawItemText } from "../labels";
import { queueItemHref } from "../page-query";
import { PersonLink, SentCell } from "./person-link";
import { SortHeader } from "./sort-header";

// Open outgoing invitations, oldest first by default, each with its withdraw item's state.

export function OutgoingTable({ list, slug, fmt, timeZone, sortHref }: { list: TInvitationList; slug: string; fmt: TDateFormat; timeZone: string; sortHref: (s: TInvitationSort, d: "asc" | "desc") => string }) {
  if (list.rows.length === 0) return <p className="text-sm text-gray-700">No open outgoing invitations match. They are read from Invitations.csv in LinkedIn’s full archive.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Open outgoing invitations (dates in {timeZone})</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <SortHeader label="Person" sort="name" current={list.sort} dir={list.dir} href={sortHref} />
            <SortHeader label="Sent" sort="age" current={list.sort} dir={list.dir} href={sortHref} dates />
            <th scope="col" className="pr-4">Waiting for</th>
            <th scope="col" className="pr-4">Message</th>
            <th scope="col">Withdrawal</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.id} className="border-b border-gray-200 last:border-0" data-testid="invitation-row">
              <td className="py-2 pr-4">
                <PersonLink row={r} />
                {r.reinvitedEarly && r.reinviteAfter && (
                  <span className="ml-2"><Badge tone="red" title="LinkedIn blocks re-inviting for about three weeks after a withdrawal">Re-invited early</Badge></span>
                )}
              </td>
              <td className="whitespace-nowrap pr-4"><SentCell row={r} fmt={fmt} /></td>
              <td className="whitespace-nowrap pr-4">{ageText(r.ageDays)}</td>
              <td className="pr-4">{r.hasMessage ? "With a message" : "No message"}</td>
              <td>
                {r.withdrawItem ? (
                  <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={queueItemHref(slug, r.withdrawItem.itemId)}>
                    {withdrawItemText(r)}<span className="sr-only">: open the queue card for {r.name}</span>
                  </Link>
                ) : (
                  <span className="text-gray-600">Not proposed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
