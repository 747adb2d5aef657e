import { z } from "zod";
import { invalid } from "../errors";
import type { TWithdrawEnum } from "./state";
import type { TWithdrawalOutcomeCode } from "./types";

// What the session and the API send for a withdraw item, checked once; errors name the field
// and the values it takes.

export const WITHDRAWAL_OUTCOME_CODES = ["withdrawn", "accepted", "kept"] as const satisfies readonly TWithdrawalOutcomeCode[];
export const WITHDRAW_ENUM: Record<TWithdrawalOutcomeCode, TWithdrawEnum> = { withdrawn: "WITHDRAWN", accepted: "ACCEPTED", kept: "KEPT" };
export const WITHDRAW_CODE: Record<TWithdrawEnum, TWithdrawalOutcomeCode> = { WITHDRAWN: "withdrawn", ACCEPTED: "accepted", KEPT: "kept" };
/** The session's button labels, for messages that name an earlier outcome. */
export const WITHDRAW_LABEL: Record<TWithdrawalOutcomeCode, string> = { withdrawn: "Withdrawn", accepted: "They accepted", kept: "Keep waiting" };

const ZOutcome = z.object({ outcome: z.enum(WITHDRAWAL_OUTCOME_CODES) });

/** The outcome code as sent (trimmed, lower-cased), or undefined when none was sent. */
export function rawOutcome(input: unknown): unknown {
  const raw = input && typeof input === "object" ? (input as { outcome?: unknown }).outcome : undefined;
  return typeof raw === "string" ? raw.trim().toLowerCase() : raw;
}

export function parseWithdrawalOutcome(input: unknown): TWithdrawalOutcomeCode {
  const raw = rawOutcome(input);
  const parsed = ZOutcome.safeParse({ outcome: raw });
  if (!parsed.success) {
    const shown = typeof raw === "string" && raw ? `“${raw.slice(0, 40)}” is not an outcome of an invitation withdrawal. ` : "";
    throw invalid("outcome", `${shown}Say what happened on LinkedIn: outcome must be one of ${WITHDRAWAL_OUTCOME_CODES.map((c) => `"${c}"`).join(", ")}.`);
  }
  return parsed.data.outcome;
}

const ZUndo = z.object({ linkedInTouched: z.boolean() });

/** Undoing a "Withdrawn" must say whether LinkedIn was touched: only an untouched one gives the allowance back. */
export function parseWithdrawTouched(input: unknown): boolean {
  const raw = input && typeof input === "object" ? (input as { linkedInTouched?: unknown }).linkedInTouched : undefined;
  const parsed = ZUndo.safeParse({ linkedInTouched: raw });
  if (!parsed.success) {
    throw invalid(
      "linkedInTouched",
      "Say whether you already withdrew the invitation on LinkedIn: linkedInTouched must be true (it was withdrawn, the allowance stays spent) or false (clicked by mistake, the allowance comes back).",
    );
  }
  return parsed.data.linkedInTouched;
}
