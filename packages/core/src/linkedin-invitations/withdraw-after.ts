import { WITHDRAW_AFTER_DAYS } from "./constants";

// The team's queue rule withdrawAfterDays, read from QueueSettings.rules (JSON). The queue
// settings validate it on save; this read stays defensive because older rows lack the field.

export function withdrawAfterDaysOf(rules: unknown): number {
  const v = rules && typeof rules === "object" ? (rules as Record<string, unknown>).withdrawAfterDays : undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) return WITHDRAW_AFTER_DAYS.default;
  return Math.min(WITHDRAW_AFTER_DAYS.max, Math.max(WITHDRAW_AFTER_DAYS.min, Math.round(v)));
}
