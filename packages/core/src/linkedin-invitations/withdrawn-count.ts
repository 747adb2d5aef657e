import { Prisma } from "@crm/db";

// "Withdrawn this week" in one definition for Today, the invitations page and the digest
// (docs/decisions/0013): distinct invitations with a WITHDRAWN outcome recorded in the window that
// was neither undone nor superseded (a later archive showed the invitation still pending, so the
// withdrawal did not happen). PendingInvitation.withdrawnAt is not used: it marks the last recorded
// withdrawal for the re-invite warning and says nothing about a contradiction.
//
// The window is the last 7 days up to the moment of reading, on the outcome's createdAt (when the
// owner recorded it): Today and the page use now − 7 × 24 h; the digest uses the week before its
// slot, the same wall time 7 local days earlier (digest/compose-team.ts weekBefore), which differs
// from 7 × 24 h only across a daylight-saving change.

export const WITHDRAWN_WINDOW_DAYS = 7;

/**
 * Conditions on `WithdrawalOutcome o` for a withdrawal that counts. `counted` is always true for a
 * WITHDRAWN outcome that was not undone; it is written so the partial index
 * (teamId, accountId, createdAt) WHERE counted can serve the count.
 */
export const countedWithdrawal = Prisma.sql`(o.counted AND o.outcome = 'WITHDRAWN' AND o."undoneAt" IS NULL AND o."supersededAt" IS NULL)`;
