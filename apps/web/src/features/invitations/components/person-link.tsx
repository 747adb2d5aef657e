import type { TDateFormat } from "@/features/invitations/labels";
import type { TInvitationListRow } from "@crm/core";

/** The person's LinkedIn profile (or a people search for the name), in a new tab. */
export function PersonLink({ row }: { row: TInvitationListRow }) {
  return (
    <a className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={row.linkedInUrl} target="_blank" rel="noopener noreferrer">
      {row.name || "Unnamed"}
      <span className="sr-only">{row.linkedInKind === "profile" ? " (LinkedIn profile, opens in a new tab)" : " (LinkedIn search, opens in a new tab)"}</span>
    </a>
  );
}

export function SentCell({ row, fmt }: { row: TInvitationListRow; fmt: TDateFormat }) {
  return row.sentAt ? <time dateTime={row.sentAt.toISOString()}>{fmt.format(row.sentAt)}</time> : <>Unknown</>;
}
