import type { TInvitationFit, TInvitationListRow } from "@crm/core";
import type { TBadgeTone } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";

// Words for the invitations page, shared by its tables and Today's tile.

/** What the tables call to write a date. */
export type TDateFormat = { format(d: Date): string };

/** "1 Sep 2026" in the account's zone, as dates read everywhere else (connections/labels.ts formatDate). */
export function dateFormatIn(timeZone: string): TDateFormat {
  const iso = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });
  return { format: (d: Date) => formatDate(iso.format(d)) };
}

export const FIT_LABELS: Record<TInvitationFit, string> = { strong: "Strong fit", partial: "Partial fit", weak: "Weak fit", none: "Not enough to score" };
export const FIT_TONES: Record<TInvitationFit, TBadgeTone> = { strong: "green", partial: "blue", weak: "amber", none: "gray" };

const ITEM_STATES: Record<string, string> = {
  open: "Proposed for withdrawal",
  snoozed: "Snoozed",
  approved: "Approved: withdraw it",
  done: "Done",
  closed: "Closed",
};

/** The withdraw item's state in words; a done one says what was recorded, which the next export confirms. */
export function withdrawItemText(row: Pick<TInvitationListRow, "withdrawItem" | "withdrawnAt" | "status">): string {
  const item = row.withdrawItem;
  if (!item) return "Not proposed";
  if (item.state === "done" && item.decision === "keep") return "Keep waiting";
  if (item.state === "done" && row.status === "pending") return row.withdrawnAt ? "Withdrawn: your next export confirms it" : "They accepted: your next export confirms it";
  return ITEM_STATES[item.state] ?? item.state;
}

export function ageText(days: number | null): string {
  if (days === null) return "Unknown";
  if (days === 0) return "Today";
  if (days < 60) return `${days} day${days === 1 ? "" : "s"}`;
  const months = Math.floor(days / 30.44);
  return months < 24 ? `${months} months` : `${Math.floor(days / 365.25)} years`;
}

export function responseText(r: NonNullable<TInvitationListRow["response"]>, fmt: TDateFormat): string {
  if (r.state === "ignored") return "You said ignored";
  if (r.state === "verified") return r.verifiedOn ? `Accepted — verified in your export of ${fmt.format(r.verifiedOn)}` : "Accepted — verified in your export";
  return "You said accepted; waiting for your next export";
}

export function guidelineText(open: number, guideline: number): string {
  const n = open.toLocaleString("en");
  if (open > guideline) return `${n} open invitations: LinkedIn users advise keeping under ${guideline}. Withdrawing the oldest ones (${(open - guideline).toLocaleString("en")} over) keeps your account in good standing.`;
  return `${n} open invitation${open === 1 ? "" : "s"}: within the ~${guideline} LinkedIn users advise keeping open.`;
}
