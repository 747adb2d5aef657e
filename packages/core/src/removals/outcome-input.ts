import { z } from "zod";
import { invalid, notFound } from "../errors";
import type { TOutcomeCode } from "./types";

// What the session, the internal route and the API send when recording or undoing an outcome,
// checked once. Errors name the field to fix and the values it takes.

export const OUTCOME_CODES = ["removed", "not_found", "kept"] as const satisfies readonly TOutcomeCode[];
export type TOutcomeEnum = "REMOVED" | "NOT_FOUND" | "KEPT";

export const OUTCOME_ENUM: Record<TOutcomeCode, TOutcomeEnum> = { removed: "REMOVED", not_found: "NOT_FOUND", kept: "KEPT" };
export const OUTCOME_CODE: Record<TOutcomeEnum, TOutcomeCode> = { REMOVED: "removed", NOT_FOUND: "not_found", KEPT: "kept" };
/** The session's button labels, for messages that name an earlier outcome. */
export const OUTCOME_LABEL: Record<TOutcomeCode, string> = { removed: "Removed", not_found: "Couldn't find them", kept: "Keep after all" };

const ZOutcome = z.object({ outcome: z.enum(OUTCOME_CODES) });
const ZUndo = z.object({ linkedInTouched: z.boolean() });

/** Ids are ours (uuid/cuid); anything else cannot exist, so it is "not found", not a 400. */
export const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseOutcome(input: unknown): TOutcomeCode {
  const raw = input && typeof input === "object" ? (input as { outcome?: unknown }).outcome : undefined;
  const parsed = ZOutcome.safeParse({ outcome: typeof raw === "string" ? raw.trim().toLowerCase() : raw });
  if (!parsed.success) {
    const shown = typeof raw === "string" && raw.trim() ? `“${raw.trim().slice(0, 40)}” is not an outcome. ` : "";
    throw invalid("outcome", `${shown}Say what happened on LinkedIn: outcome must be one of ${OUTCOME_CODES.map((c) => `"${c}"`).join(", ")}.`);
  }
  return parsed.data.outcome;
}

/** Undoing a "Removed" must say whether LinkedIn was touched: only an untouched one gives the budget back. */
export function parseLinkedInTouched(input: unknown): boolean {
  const raw = input && typeof input === "object" ? (input as { linkedInTouched?: unknown }).linkedInTouched : undefined;
  const parsed = ZUndo.safeParse({ linkedInTouched: raw });
  if (!parsed.success) {
    throw invalid(
      "linkedInTouched",
      "Say whether you already removed them on LinkedIn: linkedInTouched must be true (the removal happened, the budget stays spent) or false (clicked by mistake, the budget comes back).",
    );
  }
  return parsed.data.linkedInTouched;
}

export function checkId(id: unknown, what: string): string {
  if (typeof id !== "string" || !ID.test(id)) throw notFound(what);
  return id;
}
