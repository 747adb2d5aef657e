import type { TSqlClient } from "@crm/db";
import { localDateOf } from "../removals/local-day";

// What the next archive says about recorded withdrawals (docs/decisions/0013, "Verification by the
// next archive"). Runs in the import's transaction right after applyInvitations, so every
// invitation of the account already has the status this archive shows. Mirrors
// removals/still-connected.ts: a recorded outcome the export contradicts is superseded and the
// item goes back to the owner's session with a note; the allowance it spent stays spent.
// Times are the transaction's now(), the clock the import row and the invitations use.

type TIds = { teamId: string; accountId: string; importId: string };

export type TWithdrawalsReport = {
  /** Live outcomes the archive confirmed ("withdrawn", "accepted" or "gone"). */
  verified: number;
  /** Outcomes the archive contradicted (still pending): their items are back in the session. */
  returned: number;
  /** Approved, not yet executed withdrawals closed because the invitation is no longer pending. */
  closed: number;
};

export const stillPendingNoteFor = (exportDate: string) => `Still pending in your export of ${exportDate}`;

/**
 * Live outcomes waiting for a verification; enough for more than a year of the weekly allowance's
 * ceiling (5 × 60), so in practice all of them. The rest waits for the next import.
 */
const VERIFY_BATCH = 20_000;

/**
 * The day LinkedIn's archive name says it was made ("Basic_LinkedInDataExport_11-20-2026.zip",
 * month first), as the start of the day before it: the name has no time or zone. Two readings
 * (both parts ≤ 12) take the earlier; a date after `now` (a renamed file) is ignored.
 */
export function exportDayFromFileName(fileName: string, now: Date): Date | null {
  const m = /LinkedInDataExport_(\d{1,2})-(\d{1,2})-(\d{4})/i.exec(fileName);
  if (!m) return null;
  const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = (month: number, dom: number) => {
    const d = new Date(Date.UTC(year, month - 1, dom));
    return d.getUTCMonth() === month - 1 && d.getUTCDate() === dom ? d : null;
  };
  const readings = [day(a, b), day(b, a)].filter((d): d is Date => d !== null && d.getTime() <= now.getTime());
  if (readings.length === 0) return null;
  const first = Math.min(...readings.map((d) => d.getTime()));
  return new Date(first - 86_400_000);
}

/**
 * The newest moment the archive itself shows it was made after: the latest invitation it lists, or
 * the day its name carries. An outcome recorded after that may postdate the export, so the export
 * cannot contradict it. Null: nothing to go by.
 */
async function evidenceDate(client: TSqlClient, ids: TIds, now: Date): Promise<Date | null> {
  const { rows } = await client.query<{ sent: Date | null; fileName: string | null }>(
    `SELECT (SELECT max(p."sentAt") AT TIME ZONE 'UTC' FROM "PendingInvitation" p WHERE p."teamId" = $1 AND p."accountId" = $2 AND p."importId" = $3) AS sent,
            (SELECT i."fileName" FROM "Import" i WHERE i.id = $3 AND i."teamId" = $1) AS "fileName"`,
    [ids.teamId, ids.accountId, ids.importId],
  );
  const fromName = rows[0]?.fileName ? exportDayFromFileName(rows[0].fileName, now) : null;
  const dates = [rows[0]?.sent ?? null, fromName].filter((d): d is Date => d !== null);
  return dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
}

export async function verifyWithdrawals(client: TSqlClient, ids: TIds): Promise<TWithdrawalsReport> {
  const { rows: acc } = await client.query<{ now: Date; timeZone: string }>(
    `SELECT now() AS now, "timeZone" FROM "LinkedInAccount" WHERE id = $1 AND "teamId" = $2`,
    [ids.accountId, ids.teamId],
  );
  if (!acc[0]) return { verified: 0, returned: 0, closed: 0 };
  const evidence = await evidenceDate(client, ids, acc[0].now);
  // The export's date in the account's zone (a zone Postgres may not know; Intl does).
  const note = stillPendingNoteFor(localDateOf(acc[0].now, acc[0].timeZone));

  // WITHDRAWN: gone → "withdrawn", accepted → "accepted" (they accepted first), still pending →
  // back to the session; pending with an invitation sent after the withdrawal was recorded is a
  // re-invite, so the withdrawal itself happened. ACCEPTED ("They accepted"): accepted → verified,
  // gone → "gone", pending → back. KEPT needs no verification (the queue's keepUntil follows it).
  // "Still pending" only counts when this archive listed the invitation readably (its importId) and
  // shows it was made after the outcome was recorded ($4); otherwise the outcome stays live and the
  // next archive decides. A withdrawal sent back no longer stands: the invitation's withdrawnAt it
  // set is cleared in the same statement.
  const { rows } = await client.query<{ verified: number; returned: number; superseded: number }>(
    `WITH live AS (
       SELECT o.id, o."itemId", o."invitationId", o.outcome::text AS outcome, o."createdAt", p.status::text AS status, p."sentAt",
              p."importId" = $5 AND o."createdAt" < $4::timestamptz AS contradicts
         FROM "WithdrawalOutcome" o
         JOIN "PendingInvitation" p ON p.id = o."invitationId" AND p."teamId" = o."teamId"
        WHERE o."teamId" = $1 AND o."accountId" = $2 AND o."liveFor" IS NOT NULL
          AND o."undoneAt" IS NULL AND o."supersededAt" IS NULL AND o."verifiedAt" IS NULL
          AND o.outcome IN ('WITHDRAWN', 'ACCEPTED')
        ORDER BY o."createdAt", o.id
        LIMIT ${VERIFY_BATCH}),
     judged AS (
       SELECT id, "itemId", "invitationId", outcome, "createdAt", coalesce(contradicts, false) AS contradicts,
              CASE WHEN status = 'ACCEPTED' THEN 'accepted'
                   WHEN status = 'GONE' THEN CASE WHEN outcome = 'WITHDRAWN' THEN 'withdrawn' ELSE 'gone' END
                   WHEN outcome = 'WITHDRAWN' AND "sentAt" > "createdAt" THEN 'withdrawn'
              END AS verification
         FROM live),
     ver AS (
       UPDATE "WithdrawalOutcome" o SET verification = j.verification, "verifiedAt" = now()
         FROM judged j
        WHERE o.id = j.id AND o."teamId" = $1 AND j.verification IS NOT NULL
       RETURNING o.id),
     back AS (
       UPDATE "ReviewItem" i
          SET state = 'APPROVED', "executedAt" = NULL, "retryNote" = $3, "closedReason" = NULL, "closedAt" = NULL,
              "plannedOn" = NULL, "planRank" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
              version = i.version + 1, "updatedAt" = now()
         FROM judged j
        WHERE j.verification IS NULL AND j.contradicts AND i.id = j."itemId" AND i."teamId" = $1 AND i."accountId" = $2
          AND i.kind = 'WITHDRAW_INVITATION' AND i.state IN ('APPROVED', 'DONE')
       RETURNING i.id),
     sup AS (
       UPDATE "WithdrawalOutcome" o SET "supersededAt" = now(), "liveFor" = NULL
         FROM judged j JOIN back ON back.id = j."itemId"
        WHERE o.id = j.id AND o."teamId" = $1
       RETURNING o.id),
     unwithdrawn AS (
       UPDATE "PendingInvitation" p SET "withdrawnAt" = NULL
         FROM judged j JOIN back ON back.id = j."itemId"
        WHERE p.id = j."invitationId" AND p."teamId" = $1 AND p."accountId" = $2
          AND j.outcome = 'WITHDRAWN' AND p."withdrawnAt" = j."createdAt"
       RETURNING p.id)
     SELECT (SELECT count(*) FROM ver)::int AS verified, (SELECT count(*) FROM back)::int AS returned, (SELECT count(*) FROM sup)::int AS superseded`,
    [ids.teamId, ids.accountId, note, evidence, ids.importId],
  );

  // Approved withdrawals nobody has done yet whose invitation is no longer pending: nothing left to
  // withdraw. (The state condition matches the partial index of the account's approved items.)
  const { rowCount: closed } = await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'CLOSED', "closedReason" = CASE WHEN p.status = 'ACCEPTED' THEN 'accepted' ELSE 'gone' END, "closedAt" = now(),
            "plannedOn" = NULL, "planRank" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = now()
       FROM "PendingInvitation" p
      WHERE i."teamId" = $1 AND i."accountId" = $2 AND i.state = 'APPROVED' AND i.kind = 'WITHDRAW_INVITATION' AND i."executedAt" IS NULL
        AND p.id = i."invitationId" AND p."teamId" = $1 AND p.status <> 'PENDING'`,
    [ids.teamId, ids.accountId],
  );
  const r = rows[0]!;
  return { verified: r.verified, returned: r.superseded, closed: closed ?? 0 };
}
