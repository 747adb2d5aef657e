import { Prisma, type TRawTx } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import type { TChoiceInput } from "./choice-input";
import { json, snapshotSql, type TLastChange } from "./review-write";

// The set-based writes behind one card and a bulk action alike: one statement per action for any
// number of items, each changed item leaving a ReviewChange row (what it was before, the version it
// got) so undo can put it back exactly.

const STATE_AFTER = { REMOVE: "APPROVED", KEEP: "DONE", FOLLOW_UP: "DONE", SNOOZE: "SNOOZED" } as const;
const FOLLOW_UP_DAYS = 7;

/** Decides the items of `ids` that are still open or snoozed; returns the ids changed. */
export async function applyDecision(
  tx: TRawTx,
  ctx: TTeamContext,
  ids: string[],
  input: TChoiceInput,
  opts: { batchId: string; keepMonths: number; lastChange: TLastChange; groupNotifications?: boolean; audit?: TItemAudit },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const followUp = input.choice === "FOLLOW_UP";
  const dueAt = followUp ? (input.followUpOn ?? new Date(Date.now() + FOLLOW_UP_DAYS * 86_400_000)).toISOString() : null;
  const snooze = input.snoozeUntil?.toISOString() ?? null;
  const group = opts.groupNotifications === true;
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    WITH t AS (
      SELECT i.id, i."connectionId", i."accountId", i.round, i.version, ${snapshotSql("i")} AS snap,
             CASE WHEN ${followUp}::boolean THEN gen_random_uuid()::text END AS "reminderId",
             coalesce(trim(c."firstName" || ' ' || c."lastName"), pi.name, 'Someone') AS name,
             -- the notification says "the invitation to …" for an invitation item (notifications.ts)
             CASE WHEN i."invitationId" IS NOT NULL THEN '{"itemKind": "withdraw_invitation"}'::jsonb ELSE '{}'::jsonb END AS "kindData"
        FROM "ReviewItem" i
        -- the person: the connection, or the invitee of a withdraw_invitation item (which has no follow-up)
        LEFT JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId"
        LEFT JOIN "PendingInvitation" pi ON pi.id = i."invitationId" AND pi."teamId" = i."teamId"
       WHERE i."teamId" = ${ctx.teamId} AND i.id = ANY(${ids}::text[]) AND i.state IN ('OPEN', 'SNOOZED')
         AND (c.id IS NOT NULL OR pi.id IS NOT NULL) AND NOT (${followUp}::boolean AND i."invitationId" IS NOT NULL)
       ORDER BY i.id -- one lock order for every writer: two overlapping bulks wait, never deadlock
         FOR UPDATE OF i
    ), ch AS (
      INSERT INTO "ReviewChange" (id, "teamId", "batchId", "itemId", "userId", before, "afterVersion")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, ${opts.batchId}, t.id, ${ctx.userId},
             jsonb_build_object('action', 'decide', 'item', t.snap, 'reminderId', t."reminderId"), t.version + 1
        FROM t
    ), rem AS (
      INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", note, "createdById", "sourceItemId", "createdAt", "updatedAt")
      SELECT t."reminderId", ${ctx.teamId}, t."connectionId", t."accountId", ${dueAt}::timestamptz AT TIME ZONE 'UTC', ${input.reason}::text, ${ctx.userId}, t.id, now(), now()
        FROM t WHERE t."reminderId" IS NOT NULL AND t."connectionId" IS NOT NULL
    ), nt AS (
      INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", "actorId", data)
      SELECT gen_random_uuid()::text, ${ctx.teamId}, v."userId", 'decided', t.id, ${ctx.userId},
             jsonb_build_object('connectionName', t.name, 'choice', ${input.code}::text, 'voted', lower(v.choice::text)) || t."kindData"
        FROM t JOIN "ReviewVote" v ON v."teamId" = ${ctx.teamId} AND v."itemId" = t.id AND v.round = t.round
       WHERE v."userId" <> ${ctx.userId} AND NOT ${group}::boolean
    ), ng AS (
      -- A bulk decision tells each voter once ("Ana decided Keep on 120 items you voted on"), not once per item.
      INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", "actorId", data)
      SELECT gen_random_uuid()::text, ${ctx.teamId}, g."userId", 'decided', CASE WHEN g.n = 1 THEN g."itemId" END, ${ctx.userId},
             CASE WHEN g.n = 1 THEN jsonb_build_object('connectionName', g.name, 'choice', ${input.code}::text, 'voted', g.voted) || g."kindData"
                  ELSE jsonb_build_object('count', g.n, 'choice', ${input.code}::text, 'batchId', ${opts.batchId}::text, 'accountId', g."accountId") END
        FROM (SELECT v."userId", count(*)::int AS n, min(t.id) AS "itemId", min(t.name) AS name, min(lower(v.choice::text)) AS voted, min(t."kindData"::text)::jsonb AS "kindData",
                     CASE WHEN count(DISTINCT t."accountId") = 1 THEN min(t."accountId") END AS "accountId"
                FROM t JOIN "ReviewVote" v ON v."teamId" = ${ctx.teamId} AND v."itemId" = t.id AND v.round = t.round
               WHERE v."userId" <> ${ctx.userId} AND ${group}::boolean
               GROUP BY v."userId") g
    ), up AS (
      UPDATE "ReviewItem" i
         SET state = ${STATE_AFTER[input.choice]}::"ReviewState", decision = ${input.choice}::"ReviewChoice",
             "decisionReason" = ${input.reason}::text, "decidedById" = ${ctx.userId}, "decidedAt" = now(),
             "snoozedUntil" = ${snooze}::timestamptz AT TIME ZONE 'UTC',
             "keepUntil" = CASE WHEN ${input.choice}::text = 'KEEP' THEN now() + make_interval(months => ${opts.keepMonths}::int) END,
             "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(opts.lastChange)}::jsonb, version = t.version + 1, "updatedAt" = now()
        FROM t WHERE i.id = t.id
      RETURNING i.id
    ), au AS (${auditSql(ctx, opts.audit, Prisma.sql`SELECT up.id, '{}'::jsonb AS extra FROM up`)})
    SELECT id FROM up`;
  return rows.map((r) => r.id);
}

/** The caller's vote on the items of `ids` that are open (upsert in the current round); returns the items changed, with the vote each replaced. */
export async function applyVote(
  tx: TRawTx,
  ctx: TTeamContext,
  ids: string[],
  input: TChoiceInput,
  opts: { batchId: string; lastChange: TLastChange; notifyOwners?: boolean; now?: Date; audit?: TItemAudit },
): Promise<Array<{ id: string; previous: string | null }>> {
  if (ids.length === 0) return [];
  const snooze = input.snoozeUntil?.toISOString() ?? null;
  // The account owners hear "items wait for your decision" in the same statement: at most once a
  // day per account (dedupeKey), never the owner about their own vote.
  const day = (opts.now ?? new Date()).toISOString().slice(0, 10);
  const notify = opts.notifyOwners === true;
  return tx.$queryRaw<Array<{ id: string; previous: string | null }>>`
    WITH t AS (
      SELECT i.id, i.round, i.version, i."voteCount", i."lastChange"
        FROM "ReviewItem" i
       WHERE i."teamId" = ${ctx.teamId} AND i.id = ANY(${ids}::text[]) AND i.state = 'OPEN'
         AND NOT (${input.choice === "FOLLOW_UP"}::boolean AND i."invitationId" IS NOT NULL) -- an invitation has no follow-up
       ORDER BY i.id
         FOR UPDATE OF i
    ), prev AS (
      SELECT v."itemId", jsonb_build_object('choice', v.choice, 'reason', v.reason, 'snoozeUntil', v."snoozeUntil", 'createdAt', v."createdAt") AS vote
        FROM "ReviewVote" v JOIN t ON v."itemId" = t.id AND v.round = t.round
       WHERE v."teamId" = ${ctx.teamId} AND v."userId" = ${ctx.userId}
    ), ch AS (
      INSERT INTO "ReviewChange" (id, "teamId", "batchId", "itemId", "userId", before, "afterVersion")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, ${opts.batchId}, t.id, ${ctx.userId},
             jsonb_build_object('action', 'vote', 'round', t.round, 'vote', prev.vote, 'item', jsonb_build_object('lastChange', t."lastChange")), t.version + 1
        FROM t LEFT JOIN prev ON prev."itemId" = t.id
    ), ins AS (
      INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, reason, "snoozeUntil", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, t.id, t.round, ${ctx.userId}, ${input.choice}::"ReviewChoice", ${input.reason}::text,
             ${snooze}::timestamptz AT TIME ZONE 'UTC', now(), now()
        FROM t
      ON CONFLICT ("itemId", round, "userId") DO UPDATE
         SET choice = EXCLUDED.choice, reason = EXCLUDED.reason, "snoozeUntil" = EXCLUDED."snoozeUntil", "updatedAt" = now()
      RETURNING "itemId"
    ), up AS (
      UPDATE "ReviewItem" i
         SET "voteCount" = t."voteCount" + CASE WHEN prev."itemId" IS NULL THEN 1 ELSE 0 END,
             -- the voter is done with the card: their lease goes, as a decision's does
             "claimedById" = CASE WHEN i."claimedById" = ${ctx.userId} THEN NULL ELSE i."claimedById" END,
             "claimExpiresAt" = CASE WHEN i."claimedById" = ${ctx.userId} THEN NULL ELSE i."claimExpiresAt" END,
             "lastChange" = ${json(opts.lastChange)}::jsonb, version = t.version + 1, "updatedAt" = now()
        FROM t LEFT JOIN prev ON prev."itemId" = t.id
       WHERE i.id = t.id
      RETURNING i.id, i."accountId"
    ), na AS (
      INSERT INTO "Notification" (id, "teamId", "userId", kind, "actorId", data, "dedupeKey")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, a."ownerUserId", 'awaiting_decision', ${ctx.userId},
             jsonb_build_object('accountId', a.id, 'accountLabel', a.label), 'awaiting:' || a.id || ':' || ${day}::text
        FROM "LinkedInAccount" a
       WHERE ${notify}::boolean AND a."teamId" = ${ctx.teamId} AND a."ownerUserId" <> ${ctx.userId}
         AND a.id IN (SELECT DISTINCT "accountId" FROM up)
      ON CONFLICT ("teamId", "userId", "dedupeKey") DO NOTHING
    ), au AS (${auditSql(ctx, opts.audit, Prisma.sql`SELECT up.id, jsonb_build_object('before', lower(prev.vote->>'choice')) AS extra FROM up LEFT JOIN prev ON prev."itemId" = up.id`)})
    SELECT up.id, prev.vote->>'choice' AS previous FROM up LEFT JOIN prev ON prev."itemId" = up.id`;
}

/** One card's audit row, written by the change's own statement (one round trip less per write). */
export type TItemAudit = { action: string; metadata: Record<string, unknown> };

/** INSERT of an audit row per changed item of `rows` (id, extra jsonb merged into the metadata); a no-op without `audit`. */
function auditSql(ctx: TTeamContext, audit: TItemAudit | undefined, rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata)
      SELECT gen_random_uuid()::text, ${ctx.teamId}, ${ctx.userId}, ${audit?.action ?? ""}, 'review_item', r.id, ${json(audit?.metadata ?? {})}::jsonb || r.extra
        FROM (${rows}) r
       WHERE ${audit !== undefined}::boolean`;
}

/**
 * From this many items on, a bulk write or undo joins by hash: right after an import the planner
 * believes the team has a handful of items and picks nested loops that filter 30k x 30k rows.
 */
export const HASH_JOINS_FROM = 500;

/** Nested loops off for the rest of the transaction (transaction-local, as withTeamSql's bulk work). */
export async function preferHashJoins(tx: TRawTx): Promise<void> {
  await tx.$executeRaw`SELECT set_config('enable_nestloop', 'off', true)`;
}

export type TUndoScope = { batchId: string } | { changeIds: string[] };

/**
 * Undoes the not-undone changes of the scope. A decision is put back only while the item still has
 * the version the decision gave it and was not executed; a vote while the item is open in the same
 * round (`strictVotes`: also only at the same version, for bulk votes). Returns what was restored
 * and why the rest was skipped (at most 1,000 reasons).
 */
export async function applyUndo(
  tx: TRawTx,
  ctx: TTeamContext,
  scope: TUndoScope,
  opts: {
    lastChange: TLastChange;
    strictVotes: boolean;
    /** Accounts the caller may decide for now (null: no check); a decision on another account is skipped, not restored. */
    decideAccountIds?: string[] | null;
    /** A large batch: hash joins (see HASH_JOINS_FROM). */
    large?: boolean;
  },
): Promise<{ restored: string[]; skipped: Array<{ id: string; why: string }>; total: number }> {
  if (opts.large) await preferHashJoins(tx);
  const allowed = opts.decideAccountIds ?? null;
  const where =
    "batchId" in scope
      ? Prisma.sql`ch."batchId" = ${scope.batchId}`
      : Prisma.sql`ch.id = ANY(${scope.changeIds}::text[])`;
  const [{ total } = { total: 0 }] = await tx.$queryRaw<Array<{ total: number }>>`
    SELECT count(*)::int AS total FROM (
      SELECT i.id FROM "ReviewItem" i
        JOIN "ReviewChange" ch ON ch."itemId" = i.id AND ch."teamId" = i."teamId"
       WHERE i."teamId" = ${ctx.teamId} AND ${where} AND ch."undoneAt" IS NULL
       ORDER BY i.id
         FOR UPDATE OF i) x`;
  if (total === 0) return { restored: [], skipped: [], total: 0 };
  await tx.$executeRaw`DROP TABLE IF EXISTS pg_temp.review_undo`;
  await tx.$executeRaw`
    CREATE TEMP TABLE review_undo ON COMMIT DROP AS
    SELECT x.*, x.fits AND NOT x.denied AS ok FROM (
      SELECT ch.id AS "changeId", ch."itemId", ch."userId", ch.before, ch.before->>'action' AS action,
             (i."executedAt" IS NULL AND CASE WHEN ch.before->>'action' = 'vote' AND NOT ${opts.strictVotes}::boolean
                  THEN i.state = 'OPEN' AND i.round = (ch.before->>'round')::int
                  ELSE i.version = ch."afterVersion" END) AS fits,
             (ch.before->>'action' = 'decide' AND ${allowed}::text[] IS NOT NULL AND NOT i."accountId" = ANY(${allowed ?? []}::text[])) AS denied,
             i."executedAt" IS NOT NULL AS executed, i."lastChange", i."accountId"
        FROM "ReviewChange" ch
        JOIN "ReviewItem" i ON i.id = ch."itemId" AND i."teamId" = ch."teamId"
       WHERE ch."teamId" = ${ctx.teamId} AND ${where} AND ch."undoneAt" IS NULL) x`;
  // The planner knows nothing of a fresh temp table (and, right after an import, little of the
  // team's items): a key and statistics let the joins below go by key or hash, not a 30k x 30k loop.
  await tx.$executeRaw`ALTER TABLE review_undo ADD PRIMARY KEY ("changeId")`;
  await tx.$executeRaw`ANALYZE review_undo`;
  const skippedRows = await tx.$queryRaw<Array<{ itemId: string; executed: boolean; denied: boolean; lastChange: TLastChange | null; ownerName: string | null; accountLabel: string | null }>>`
    SELECT u."itemId", u.executed, u.denied, u."lastChange", ou.name AS "ownerName", a.label AS "accountLabel"
      FROM (SELECT * FROM review_undo WHERE NOT ok ORDER BY "itemId" LIMIT 1000) u
      LEFT JOIN "LinkedInAccount" a ON a.id = u."accountId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
     ORDER BY u."itemId"`;
  const skipped = skippedRows.map((r) => ({
    id: r.itemId,
    why: r.executed
      ? "already executed: the removal was carried out"
      : r.denied
        ? `only ${r.ownerName ?? "the account's owner"} decides for ${r.accountLabel ?? "this account"}`
        : `changed since by ${r.lastChange?.actorName ?? "someone"}`,
  }));
  // Decisions: the snapshot columns back; the reminder the follow-up created goes unless done.
  await tx.$executeRaw`
    UPDATE "ReviewItem" i
       SET state = r.state, decision = r.decision, "decisionReason" = r."decisionReason", "decidedById" = r."decidedById",
           "decidedAt" = r."decidedAt", "snoozedUntil" = r."snoozedUntil", "keepUntil" = r."keepUntil",
           "closedReason" = r."closedReason", "closedAt" = r."closedAt", "claimedById" = r."claimedById", "claimExpiresAt" = r."claimExpiresAt",
           "lastChange" = ${json(opts.lastChange)}::jsonb, version = i.version + 1, "updatedAt" = now()
      FROM review_undo u, jsonb_populate_record(NULL::"ReviewItem", u.before->'item') r
     -- By primary key: review_undo holds only this team's items and RLS is the tenant wall; an
     -- explicit i."teamId" conjunct invited a scan of the team's index per row on fresh statistics.
     WHERE u.ok AND u.action = 'decide' AND i.id = u."itemId"`;
  await tx.$executeRaw`
    DELETE FROM "Reminder" r USING review_undo u
     WHERE u.ok AND u.action = 'decide' AND r."teamId" = ${ctx.teamId} AND r.id = u.before->>'reminderId' AND r."doneAt" IS NULL`;
  // Votes: the voter's previous vote of that round back (or none).
  await tx.$executeRaw`
    DELETE FROM "ReviewVote" v USING review_undo u
     WHERE u.ok AND u.action = 'vote' AND v."teamId" = ${ctx.teamId} AND v."itemId" = u."itemId"
       AND v.round = (u.before->>'round')::int AND v."userId" = u."userId"`;
  await tx.$executeRaw`
    INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, reason, "snoozeUntil", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${ctx.teamId}, u."itemId", (u.before->>'round')::int, u."userId", (u.before->'vote'->>'choice')::"ReviewChoice",
           u.before->'vote'->>'reason', (u.before->'vote'->>'snoozeUntil')::timestamp(3), (u.before->'vote'->>'createdAt')::timestamp(3), now()
      FROM review_undo u
     WHERE u.ok AND u.action = 'vote' AND jsonb_typeof(u.before->'vote') = 'object'`;
  await tx.$executeRaw`
    UPDATE "ReviewItem" i
       SET "voteCount" = (SELECT count(*)::int FROM "ReviewVote" v WHERE v."teamId" = i."teamId" AND v."itemId" = i.id AND v.round = i.round),
           "lastChange" = ${json(opts.lastChange)}::jsonb, version = i.version + 1, "updatedAt" = now()
      FROM (SELECT DISTINCT "itemId" FROM review_undo WHERE ok AND action = 'vote') u
     WHERE i.id = u."itemId" AND i."teamId" = ${ctx.teamId}`;
  const restored = await tx.$queryRaw<Array<{ itemId: string }>>`
    UPDATE "ReviewChange" ch SET "undoneAt" = now()
      FROM review_undo u
     WHERE u.ok AND ch.id = u."changeId" AND ch."teamId" = ${ctx.teamId}
    RETURNING ch."itemId"`;
  await tx.$executeRaw`DROP TABLE review_undo`;
  return { restored: [...new Set(restored.map((r) => r.itemId))], skipped, total };
}
