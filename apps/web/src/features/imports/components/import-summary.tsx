import type { TImportSummary } from "@crm/core";
import { Stats, type TStat } from "@crm/ui";
import { messagesHint } from "../labels";

const n = (v: number) => v.toLocaleString("en");

/** The diff against the account's previous state, then what the archive's side files added. */
export function ImportSummary({ summary }: { summary: TImportSummary }) {
  const main: TStat[] = [
    { label: "New", value: n(summary.new) },
    { label: "Updated", value: n(summary.updated) },
    { label: "Unchanged", value: n(summary.unchanged) },
    { label: "Job changes", value: n(summary.jobChanges) },
    { label: "Gone", value: n(summary.gone), hint: "No longer in your export" },
    { label: "Rejected", value: n(summary.rejected), hint: summary.rejected ? "See the rows below" : undefined },
  ];
  // Neither is a rejection: hidden members cannot be fixed, and warned rows were imported.
  if (summary.hidden > 0) main.push({ label: "Skipped: hidden LinkedIn members", value: n(summary.hidden), hint: "Closed or hidden profiles: LinkedIn exports only a date. Nothing to fix." });
  if (summary.warnings > 0) main.push({ label: "Imported with a field left blank", value: n(summary.warnings), hint: "See the warnings below" });
  if (summary.verifiedRemovals > 0) main.push({ label: "Verified removals", value: n(summary.verifiedRemovals), hint: "Removed through the guided flow, now confirmed" });
  if (summary.stillConnected > 0) main.push({ label: "Still connected", value: n(summary.stillConnected), hint: "Marked as removed, but still in the export" });
  const extras = archiveExtras(summary);
  return (
    <div className="flex flex-col gap-4">
      <Stats items={main} />
      {extras.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-gray-800">From the rest of the archive</h3>
          <Stats items={extras} />
        </div>
      )}
    </div>
  );
}

function archiveExtras({ details: d }: TImportSummary): TStat[] {
  const out: TStat[] = [];
  if (d.messages) out.push({ label: "Messages matched", value: n(d.messages.matched), hint: messagesHint(d.messages) });
  if (d.endorsements) out.push({ label: "Endorsers", value: n(d.endorsements.matched), hint: `of ${n(d.endorsements.endorsers)} who endorsed you` });
  if (d.recommendations) out.push({ label: "Recommenders", value: n(d.recommendations.matched), hint: d.recommendations.unmatched ? `${n(d.recommendations.unmatched)} not among your connections` : undefined });
  if (d.invitations) {
    const inv = d.invitations;
    // Reports written before decision 0013 carry rows and pending only.
    const changed = [inv.accepted ? `${n(inv.accepted)} accepted` : null, inv.gone ? `${n(inv.gone)} no longer pending` : null].filter(Boolean).join(", ");
    // Some rows could not be read: nobody was marked "no longer pending" from this file (decision 0013).
    const skipped = inv.unlistedSkipped ? "some rows could not be read, so no invitation was marked no longer pending this time" : null;
    const hint = [changed ? `since the last archive: ${changed}` : null, skipped].filter(Boolean).join("; ");
    out.push({ label: "Pending invitations", value: n(inv.pending), hint: hint || undefined });
    const w = inv.withdrawals;
    if (w && w.verified + w.returned + w.closed > 0) {
      const returned = w.returned ? `; ${n(w.returned)} still pending, back in the session` : "";
      out.push({ label: "Withdrawals verified", value: n(w.verified), hint: `by this archive${returned}` });
    }
  }
  if (d.invitationsAccepted) out.push({ label: "Invitations accepted", value: n(d.invitationsAccepted.accepted), hint: "people you invited who are connections now" });
  return out;
}
