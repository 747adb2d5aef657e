import type { TRemovedPerson } from "@crm/core";
import { Badge } from "@crm/ui";
import { dayTimeIn, zoneName } from "../format";

const linkClass = "rounded text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** People removed through the session, with a guided "Reconnect" (their profile, or a search, in a new tab). */
export function RemovedTable({ items, label, timeZone }: { items: TRemovedPerson[]; label: string; timeZone: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">People removed from {label}, newest first; times in {zoneName(timeZone)}</caption>
        <thead className="text-xs uppercase tracking-wide text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">Position</th>
            <th scope="col" className="py-2 pr-4 font-medium">Company</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Removed ({zoneName(timeZone)})</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Reconnect</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200">
          {items.map((p) => (
            <tr key={p.connectionId} data-testid="removed-row">
              <th scope="row" className="py-2 pr-4 font-medium text-gray-900">{p.name}</th>
              <td className="py-2 pr-4 text-gray-700">{p.position ?? ""}</td>
              <td className="py-2 pr-4 text-gray-700">{p.company ?? ""}</td>
              <td className="py-2 pr-4">
                {p.status === "verified" ? (
                  <Badge tone="green" title={p.verifiedAt ? `Gone from the export of ${dayTimeIn(p.verifiedAt, timeZone)} (${zoneName(timeZone)})` : undefined}>Verified</Badge>
                ) : (
                  <Badge tone="amber" title="Confirmed once the next export no longer lists them">Pending</Badge>
                )}
              </td>
              <td className="py-2 pr-4 text-gray-700">
                <time dateTime={p.removedAt} title={zoneName(timeZone)}>{dayTimeIn(p.removedAt, timeZone)}</time>
                {p.removedBy && <> by {p.removedBy.name}</>}
              </td>
              <td className="py-2">
                <a className={linkClass} href={p.reconnect.url} target="_blank" rel="noopener noreferrer">
                  Reconnect<span className="sr-only"> with {p.name} on LinkedIn (opens in a new tab)</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
