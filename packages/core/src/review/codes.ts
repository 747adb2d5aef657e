import type { TReviewChoiceCode, TReviewKindCode, TReviewStateCode } from "./types";

// The database speaks upper-case enums (REMOVE, FOLLOW_UP, …), the API and UI lower-case codes
// (remove, follow_up, …): one mapping each way, so no caller lower-cases strings by hand.

export type TReviewKindEnum = "REMOVE" | "FOLLOW_UP" | "JOB_CHANGE" | "WITHDRAW_INVITATION";
export type TReviewStateEnum = "OPEN" | "SNOOZED" | "APPROVED" | "DONE" | "CLOSED";
export type TReviewChoiceEnum = "KEEP" | "REMOVE" | "FOLLOW_UP" | "SNOOZE";

type TCodeOf<E extends string> = Lowercase<E>;

/** REMOVE → remove, FOLLOW_UP → follow_up. */
export function toCode<E extends TReviewKindEnum | TReviewStateEnum | TReviewChoiceEnum>(value: E): TCodeOf<E> {
  return value.toLowerCase() as TCodeOf<E>;
}

/** remove → REMOVE, follow_up → FOLLOW_UP. */
export function toEnum<C extends TReviewKindCode | TReviewStateCode | TReviewChoiceCode>(code: C): Uppercase<C> {
  return code.toUpperCase() as Uppercase<C>;
}

export const kindCode = (v: string) => toCode(v as TReviewKindEnum) as TReviewKindCode;
export const stateCode = (v: string) => toCode(v as TReviewStateEnum) as TReviewStateCode;
export const choiceCode = (v: string) => toCode(v as TReviewChoiceEnum) as TReviewChoiceCode;
