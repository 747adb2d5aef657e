import type { TInvitationFit, TInvitationListRow } from "@crm/core";
import type { TBadgeTone } from "@crm/ui";

// Words for the invitations page, shared by its tables and Today's tile.

export const FIT_LABELS: Record<TInvitationFit, string> = { strong: "Strong fit", partial: "Partial fit", weak: "Weak fit", none: "Not enough to score" };
export const FIT_TONES: Record<TInvitationFit, TBadgeTone> = { strong: "green", partial: "blue", weak: "amber", none: "gray" };

const ITEM_STATES: Record<string, string> = {
  open: "Proposed for withdrawal",
  snoozed: "Snoozed",
  approved: "Approved: withdraw it",
  done: "Done",
  closed: "Closed",
};

export function withdrawItemText(item: NonNullable<TInvitationListRow["withdrawItem"]>): string {
  if (item.state === "done" && item.decision === "keep") return "Keep waiting";
  return ITEM_STATES[item.state] ?? item.state;
}

export function ageText(days: number | null): string {
  if (days === null) return "Unknown";
  if (days === 0) return "Today";
  if (days < 60) return `${days} day${days === 1 ? "" : "s"}`;
  const months = Math.floor(days / 30.44);
  return months < 24 ? `${months} months` : `${Math.floor(days / 365.25)} years`;
}

export function responseText(r: NonNullable<TInvitationListRow["response"]>, fmt: Intl.DateTimeFormat): string {
  if (r.state === "ignored") return "You said ignored";
  if (r.state === "verified") return r.verifiedOn ? `Accepted — verified in your export of ${fmt.format(r.verifiedOn)}` : "Accepted — verified in your export";
  return "You said accepted; waiting for your next export";
}

export function guidelineText(open: number, guideline: number): string {
  const n = open.toLocaleString("en");
  if (open > guideline) return `${n} open invitations: LinkedIn users advise keeping under ${guideline}. Withdrawing the oldest ones (${(open - guideline).toLocaleString("en")} over) keeps your account in good standing.`;
  return `${n} open invitation${open === 1 ? "" : "s"}: under the ~${guideline} LinkedIn users advise.`;
}
