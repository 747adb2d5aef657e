"use client";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * Why adding to the review queue was refused until the user says "anyway": protected people
 * (`acknowledgeProtected`), or decisions still in force (`reopenDecided`). `field` is the refusal's
 * field error and `flag` the pending action's flag that, set, proposes anyway.
 */
export const REVIEW_WARNINGS = {
  protected: {
    field: "acknowledgeProtected",
    flag: "acknowledge",
    title: "Propose protected people for removal?",
    confirmLabel: "Propose anyway",
    note: "Everyone else selected is proposed too. The card shows what removing them loses, so whoever decides sees it.",
  },
  decided: {
    field: "reopenDecided",
    flag: "reopenDecided",
    title: "Reopen decisions already made?",
    confirmLabel: "Propose again anyway",
    note: "Everyone else selected is proposed too. Reopened items start a new round; the earlier decision and votes stay in their history.",
  },
} as const;

export type TReviewWarning = keyof typeof REVIEW_WARNINGS;

type TProps = { about: TReviewWarning; message: string; pending: boolean; error: string | null; onCancel: () => void; onConfirm: () => void };

/** Asks before proposing anyway, with the service's words on who is affected and what is lost. */
export function ReviewWarningDialog({ about, message, pending, error, onCancel, onConfirm }: TProps) {
  const w = REVIEW_WARNINGS[about];
  return (
    <ConfirmDialog title={w.title} confirmLabel={w.confirmLabel} tone="danger" pending={pending} error={error} onCancel={onCancel} onConfirm={onConfirm}>
      <p data-testid={`${about}-warning`}>{message}</p>
      <p>{w.note}</p>
    </ConfirmDialog>
  );
}
