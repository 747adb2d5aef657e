import type { TDateFormat } from "@/features/invitations/labels";
import type { TInvitationList, TInvitationSort } from "@crm/core";
import { Badge } from "@crm/ui";
import { PersonLink } from "./person-link";
import { SortHeader } from "./sort-header";

// Withdrawals recorded in the last 21 days ("Don't re-invite before …") and invitations re-sent
// too early after one (LinkedIn blocks re-inviting for about three weeks).

export function WithdrawnTable({ list, fmt, timeZone, sortHref }: { list: TInvitationList; fmt: TDateFormat; timeZone: string; sortHref: (s: TInvitationSort, d: "asc" | "desc") => string }) {
  if (list.rows.length === 0) return <p className="text-sm text-gray-700">No withdrawals recorded in the last 21 days.</p>;
  const now = Date.now();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Recent withdrawals (dates in {timeZone})</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <SortHeader label="Person" sort="name" current={list.sort} dir={list.dir} href={sortHref} />
            <SortHeader label="Withdrawn" sort="age" current={list.sort} dir={list.dir} href={sortHref} />
            <th scope="col" className="pr-4">Re-invite</th>
            <th scope="col">Now</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.id} className="border-b border-gray-200 last:border-0" data-testid="invitation-row">
              <td className="py-2 pr-4"><PersonLink row={r} /></td>
              <td className="whitespace-nowrap pr-4">{r.withdrawnAt ? <time dateTime={r.withdrawnAt.toISOString()}>{fmt.format(r.withdrawnAt)}</time> : "–"}</td>
              <td className="pr-4">
                {r.reinviteAfter && r.reinviteAfter.getTime() > now ? `Don’t re-invite before ${fmt.format(r.reinviteAfter)}` : "May be re-invited"}
              </td>
              <td>
                {r.reinvitedEarly ? (
                  <Badge tone="red">Re-invited early</Badge>
                ) : r.status === "pending" ? (
                  // An export made before the withdrawal still lists it: only a newer one can confirm.
                  "Waiting for an export made after the withdrawal"
                ) : r.status === "accepted" ? (
                  "They accepted"
                ) : (
                  "Gone from your latest export"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
