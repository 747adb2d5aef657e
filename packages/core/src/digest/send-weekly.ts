import { withTeamRaw, type TRawTx } from "@crm/db";
import { publishOutbox, renderDigestEmail, type TDigestModel } from "@crm/email";
import { now } from "../clock";
import { DEFAULT_DIGEST } from "../mail/preferences";
import { unsubscribeHeaders } from "../mail/unsubscribe-token";
import { composeTeamDigests } from "./compose-team";
import { claimable, latestSlots } from "./member-zone-sql";
import { insertOutboxRows, type TOutboxRow } from "./outbox-rows";
import { PERIOD, type TDigestResult, type TDigestStatus, type TDigestUser, type TDigestUserInput } from "./types";

// Weekly digests of one team, exactly once (docs/decisions/0012). Per chunk of ≤ 200 members:
//   1. a read transaction skips periods already claimed and composes the rest (compose-team.ts);
//   2. rendering happens outside any transaction;
//   3. one short write transaction re-checks membership and preferences, claims the periods
//      (INSERT DigestRun … ON CONFLICT DO NOTHING RETURNING) and writes the outbox rows of the
//      claimed ones only, with the DigestRun → outbox link;
//   4. after commit the outbox rows are published.
// Two ticks or two workers: the second claim waits for the first transaction and finds the row
// (status "already"). A crash before commit rolls back claim and outbox row together, so the retry
// sends. The outbox dedupeKey (team, member, period) is a second lock on the same door.

const CHUNK = 200;
const MAX_USERS = 1_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TSendWeeklyOptions = {
  /** Fault injection for tests: runs inside the write transaction right after the claim. */
  afterClaim?: () => void | Promise<void>;
};

export const digestDedupeKey = (teamId: string, userId: string, period: string) => `digest:${teamId}:${userId}:${period}`;

/**
 * Sends the weekly digest of each member named (the `digest.team` job: ids, periods and slots from
 * crm_digests_due) and returns what happened to each. Safe to run twice, concurrently, or again
 * after a crash: each (team, member, period) is sent at most once.
 */
export async function sendWeeklyDigests(teamId: string, input: TDigestUserInput[], at: Date = now(), opts: TSendWeeklyOptions = {}): Promise<TDigestResult[]> {
  if (input.length > MAX_USERS) throw new RangeError(`sendWeeklyDigests: at most ${MAX_USERS} members per call.`);
  const users: TDigestUser[] = input.map((u) => {
    const dueAt = new Date(u.dueAt);
    // The payload comes from our own sweep: a malformed entry is a bug, not a member to skip.
    if (!ID.test(u.userId) || !PERIOD.test(u.period) || Number.isNaN(dueAt.getTime())) throw new RangeError(`sendWeeklyDigests: bad member entry ${JSON.stringify(u)}.`);
    return { userId: u.userId, period: u.period, dueAt };
  });
  const unique = [...new Map(users.map((u) => [u.userId, u])).values()];
  // A slot the clock has not reached (a payload from elsewhere) is not sent early, nor claimed.
  const results: TDigestResult[] = unique.filter((u) => u.dueAt.getTime() > at.getTime()).map((u) => ({ userId: u.userId, status: "not-due" }));
  const due = unique.filter((u) => u.dueAt.getTime() <= at.getTime());
  for (let i = 0; i < due.length; i += CHUNK) results.push(...(await sendChunk(teamId, due.slice(i, i + CHUNK), at, opts)));
  return results;
}

async function sendChunk(teamId: string, users: TDigestUser[], at: Date, opts: TSendWeeklyOptions): Promise<TDigestResult[]> {
  const { claimed, models } = await withTeamRaw(teamId, async (tx) => {
    const claimed = await claimedAlready(tx, teamId, users);
    const todo = users.filter((u) => !claimed.has(u.userId));
    return { claimed, models: await composeTeamDigests(tx, teamId, todo, at) };
  });
  const rendered = new Map<string, { model: TDigestModel; subject: string; html: string; text: string }>();
  for (const [userId, model] of models) if (model) rendered.set(userId, { model, ...(await renderDigestEmail(model)) });

  const todo = users.filter((u) => !claimed.has(u.userId));
  const { results, publish } = todo.length === 0 ? { results: [], publish: [] } : await withTeamRaw(teamId, (tx) => writeChunk(tx, teamId, todo, rendered, at, opts));
  await Promise.all(publish.map((id) => publishOutbox(id)));
  return [...users.filter((u) => claimed.has(u.userId)).map((u) => ({ userId: u.userId, status: "already" as const })), ...results];
}

async function claimedAlready(tx: TRawTx, teamId: string, users: TDigestUser[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<Array<{ userId: string }>>`
    SELECT r."userId" FROM "DigestRun" r
      JOIN unnest(${users.map((u) => u.userId)}::text[], ${users.map((u) => u.period)}::text[]) AS x(uid, period)
        ON r."userId" = x.uid AND r.period = x.period
     WHERE r."teamId" = ${teamId} AND r.kind = 'weekly'`;
  return new Set(rows.map((r) => r.userId));
}

async function writeChunk(
  tx: TRawTx,
  teamId: string,
  users: TDigestUser[],
  rendered: Map<string, { model: TDigestModel; subject: string; html: string; text: string }>,
  at: Date,
  opts: TSendWeeklyOptions,
): Promise<{ results: TDigestResult[]; publish: string[] }> {
  const ids = users.map((u) => u.userId);
  // Membership and preferences as they are now (a member may have left or unsubscribed since the sweep).
  const prefs = await tx.$queryRaw<Array<{ userId: string; member: boolean; enabled: boolean; quietNote: boolean }>>`
    SELECT x.id AS "userId", (m."userId" IS NOT NULL) AS member,
           coalesce(p."digestEnabled", ${DEFAULT_DIGEST.digestEnabled}) AS enabled, coalesce(p."quietWeekNote", ${DEFAULT_DIGEST.quietWeekNote}) AS "quietNote"
      FROM unnest(${ids}::text[]) AS x(id)
      LEFT JOIN "Membership" m ON m."teamId" = ${teamId} AND m."userId" = x.id
      LEFT JOIN "NotificationPreference" p ON p."teamId" = ${teamId} AND p."userId" = x.id
     LIMIT ${ids.length}`;
  // Only a period at or after the member's latest slot, and the one its own slot falls in (member-zone-sql.ts).
  const latest = await latestSlots(tx, teamId, users, at, "weekly");
  const current = (u: TDigestUser) => claimable(u, latest.get(u.userId), at);
  const pref = new Map(prefs.map((p) => [p.userId, p]));
  const status = new Map<string, TDigestStatus>();
  for (const u of users) {
    const p = pref.get(u.userId);
    const r = rendered.get(u.userId);
    // Not a member now, or not when composed (joined in between: the next sweep composes them).
    if (!p?.member || (!r && p.enabled)) status.set(u.userId, "not-member");
    else if (!current(u)) status.set(u.userId, "not-due");
    else if (!p.enabled) status.set(u.userId, "unsubscribed");
    else if (r!.model.quiet) status.set(u.userId, p.quietNote ? "quiet" : "empty");
    else status.set(u.userId, "sent");
  }
  const toClaim = users.filter((u) => status.get(u.userId) !== "not-member" && status.get(u.userId) !== "not-due");
  const claimedRows = toClaim.length === 0 ? [] : await tx.$queryRaw<Array<{ id: string; userId: string }>>`
    INSERT INTO "DigestRun" (id, "teamId", "userId", kind, period, "dueAt", status)
    SELECT gen_random_uuid()::text, ${teamId}, x.uid, 'weekly', x.period, x.due::timestamptz AT TIME ZONE 'UTC', x.status
      FROM unnest(${toClaim.map((u) => u.userId)}::text[], ${toClaim.map((u) => u.period)}::text[],
                  ${toClaim.map((u) => u.dueAt.toISOString())}::text[], ${toClaim.map((u) => status.get(u.userId)!)}::text[]) AS x(uid, period, due, status)
    ON CONFLICT ("teamId", "userId", kind, period) DO NOTHING
    RETURNING id, "userId"`;
  await opts.afterClaim?.();
  const runOf = new Map(claimedRows.map((r) => [r.userId, r.id]));

  const mail: Array<TOutboxRow & { userId: string }> = [];
  for (const u of toClaim) {
    const s = status.get(u.userId);
    const r = rendered.get(u.userId);
    if (!runOf.has(u.userId) || !r || (s !== "sent" && s !== "quiet")) continue;
    mail.push({
      userId: u.userId,
      dedupeKey: digestDedupeKey(teamId, u.userId, u.period),
      to: r.model.recipient.email,
      subject: r.subject,
      html: r.html,
      text: r.text,
      headers: unsubscribeHeaders({ teamId, userId: u.userId, topic: "digest" }),
    });
  }
  const { ids: outboxIds, created } = await insertOutboxRows(tx, teamId, "digest", mail);
  const links = mail.map((m) => ({ run: runOf.get(m.userId)!, outbox: outboxIds.get(m.dedupeKey)! })).filter((l) => l.outbox);
  if (links.length) {
    await tx.$executeRaw`
      UPDATE "DigestRun" r SET "outboxId" = x.o
        FROM unnest(${links.map((l) => l.run)}::text[], ${links.map((l) => l.outbox)}::text[]) AS x(id, o)
       WHERE r.id = x.id AND r."teamId" = ${teamId}`;
  }
  const outboxOf = new Map(mail.map((m) => [m.userId, outboxIds.get(m.dedupeKey)]));
  const results = users.map((u): TDigestResult => {
    const s = status.get(u.userId)!;
    if (s === "not-member" || s === "not-due") return { userId: u.userId, status: s };
    if (!runOf.has(u.userId)) return { userId: u.userId, status: "already" };
    const outboxId = outboxOf.get(u.userId);
    return outboxId ? { userId: u.userId, status: s, outboxId } : { userId: u.userId, status: s };
  });
  return { results, publish: created };
}
