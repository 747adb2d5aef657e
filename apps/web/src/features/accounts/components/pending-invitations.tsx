import Link from "next/link";
import type { TImportedInvitationsPage } from "@crm/core";
import { invitationAge } from "../invitation-age";

const DIRECTION = { OUTGOING: "Outgoing", INCOMING: "Incoming" } as const;

/** The archive's pending invitations for one account, a page at a time. */
export function PendingInvitations({ page, timeZone, pageHref }: { page: TImportedInvitationsPage; timeZone: string; pageHref: (n: number) => string }) {
  if (page.total === 0) return <p className="text-sm text-gray-700">No pending invitations. They are read from Invitations.csv in LinkedIn’s full archive.</p>;
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone });
  const now = new Date();
  const from = (page.page - 1) * page.pageSize + 1;
  const to = from + page.rows.length - 1;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-gray-700" data-testid="invitations-count">
        Showing {from.toLocaleString("en")}–{to.toLocaleString("en")} of {page.total.toLocaleString("en")} pending invitations, newest first.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Pending invitations of this account (dates in {timeZone})</caption>
          <thead className="border-b border-gray-300 text-gray-600">
            <tr>
              <th scope="col" className="py-2 pr-4">Person</th><th scope="col" className="pr-4">Direction</th>
              <th scope="col" className="pr-4">Sent</th><th scope="col" className="pr-4">Pending for</th><th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} className="border-b border-gray-200 last:border-0" data-testid="invitation-row">
                <td className="py-2 pr-4">
                  {r.profileUrl ? (
                    <a className="text-blue-800 underline" href={r.profileUrl} target="_blank" rel="noopener noreferrer">
                      {r.name || r.profileUrl}<span className="sr-only"> (LinkedIn profile, opens in a new tab)</span>
                    </a>
                  ) : (
                    r.name
                  )}
                </td>
                <td className="pr-4">{DIRECTION[r.direction]}</td>
                <td className="whitespace-nowrap pr-4">{r.sentAt ? <time dateTime={r.sentAt.toISOString()}>{fmt.format(r.sentAt)}</time> : "Unknown"}</td>
                <td className="whitespace-nowrap pr-4">{r.sentAt ? invitationAge(r.sentAt, now) : "–"}</td>
                <td>{r.hasMessage ? "With a note" : "No note"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.pages > 1 && (
        <nav aria-label="Pending invitations pages" className="flex items-center gap-3 text-sm">
          {page.page > 1 ? <Link className="text-blue-800 underline" href={pageHref(page.page - 1)}>Newer</Link> : null}
          <span>Page {page.page} of {page.pages}</span>
          {page.page < page.pages ? <Link className="text-blue-800 underline" href={pageHref(page.page + 1)}>Older</Link> : null}
        </nav>
      )}
    </div>
  );
}
