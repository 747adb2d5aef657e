/** A recipient whose weekly digest is due: the ISO week of their local slot and the slot's instant. */
export type TDigestUser = { userId: string; period: string; dueAt: Date };

/** As a job payload carries it (digest.team): dueAt may be the ISO string. */
export type TDigestUserInput = { userId: string; period: string; dueAt: Date | string };

/** not-due: a slot the clock has not reached, or a period that is not the ISO week of the slot (a payload not from our sweep). */
export type TDigestStatus = "sent" | "quiet" | "empty" | "unsubscribed" | "already" | "not-member" | "not-due";

export type TDigestResult = { userId: string; status: TDigestStatus; outboxId?: string };

/** "2026-W49": the format crm_digests_due returns (to_char 'IYYY-"W"IW'). */
export const PERIOD = /^\d{4}-W\d{2}$/;
