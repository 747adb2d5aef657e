import { analyzeAfterBulk } from "../db-stats/analyze-after-bulk";
import { copyRows, withTeamSql, type TSqlClient } from "@crm/db";
import { notFound } from "../errors";
import { buildInvitationItems } from "./build-queue-invitations";
import { loadCandidates, loadRules, type TBuildScope } from "./build-queue-load";
import { closeReason, evaluateQueueRules, type TQueueItemKind } from "./queue-rules";
import type { TQueueBuildCounts, TQueueBuildResult } from "./types";

// The queue build (docs/decisions/0009, "Queue rules"): load what the rules read, evaluate them in
// process, then write the difference in a few set-based statements through temp tables. It never
// touches an item a human acted on (votes, decided, snoozed, proposed by hand), except a Keep whose
// time ran out: that item comes back as a new round. One build per team at a time (advisory lock),
// so a job and the CLI cannot interleave their writes.

const KIND_CODE: Record<TQueueItemKind | "WITHDRAW_INVITATION", keyof TQueueBuildCounts> = {
  REMOVE: "remove",
  FOLLOW_UP: "follow_up",
  JOB_CHANGE: "job_change",
  WITHDRAW_INVITATION: "withdraw_invitation",
};

export async function buildQueue(teamId: string, opts: { accountId?: string; now?: Date } = {}): Promise<TQueueBuildResult> {
  const result = await buildInTransaction(teamId, opts);
  // A first build writes a whole network's items: tell the planner before reviewers read them.
  await analyzeAfterBulk("ReviewItem", result.opened + result.updated + result.closed + result.reopened);
  return result;
}

async function buildInTransaction(teamId: string, opts: { accountId?: string; now?: Date }): Promise<TQueueBuildResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  return withTeamSql(teamId, async (client) => {
    const scope: TBuildScope = { teamId, accountId: opts.accountId ?? null };
    if (scope.accountId) {
      const { rows } = await client.query(`SELECT 1 FROM "LinkedInAccount" WHERE id = $1 AND "teamId" = $2`, [scope.accountId, teamId]);
      if (rows.length === 0) throw notFound("This LinkedIn account");
    }
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('queue.build'), hashtext($1))`, [teamId]);
    // The candidate load groups 30,000 people's scores and the writes hash-join the changes: with
    // the default 4 MB both spilled to disk. Transaction-local, like withTeamSql's other settings.
    await client.query(`SET LOCAL work_mem = '64MB'`);
    const rules = await loadRules(client, teamId);
    const candidates = await loadCandidates(client, scope, rules, now);

    const existing = await loadItems(client, scope, now);
    const want: TWantRow[] = [];
    const wanted = new Set<string>();
    for (const [id, c] of candidates) {
      for (const p of evaluateQueueRules(c, rules, now)) {
        const key = `${id}:${p.kind}`;
        wanted.add(key);
        const changedAt = p.kind === "JOB_CHANGE" ? (c.jobChange?.at ?? null) : null;
        const detail = jsonbText(p.detail);
        // Only rows that would change are sent; the statements check every condition again.
        const i = existing.get(key);
        if (i && !needsWrite(i, p.rules.join(","), detail, changedAt)) continue;
        want.push([id, c.accountId, p.kind, p.rules, detail, changedAt, i ? i.st : "NEW"]);
      }
    }
    const close: string[][] = [];
    for (const [key, i] of existing) {
      if (wanted.has(key) || !(i.st === "OPEN" && i.origin === "rule" && i.v === 0)) continue;
      close.push([i.id, storableText(closeReason(candidates.get(key.slice(0, key.lastIndexOf(":"))) ?? null, i.k, rules, now))]);
    }
    const counts = want.length + close.length === 0 ? { opened: 0, updated: 0, closed: 0, reopened: 0 } : await writeItems(client, teamId, now, want, close);
    // Outgoing invitations to withdraw (docs/decisions/0013): their own step, keyed by invitation.
    const inv = await buildInvitationItems(client, scope, rules, now);
    for (const k of ["opened", "updated", "closed", "reopened"] as const) counts[k] += inv[k];
    const { rows } = await client.query<{ kind: keyof typeof KIND_CODE; n: number }>(
      `SELECT kind::text AS kind, count(*)::int AS n FROM "ReviewItem"
        WHERE "teamId" = $1 AND state = 'OPEN' AND ($2::text IS NULL OR "accountId" = $2) GROUP BY kind`,
      [teamId, scope.accountId],
    );
    const result: TQueueBuildResult = { remove: 0, follow_up: 0, job_change: 0, withdraw_invitation: 0, ...counts, ms: 0 };
    for (const r of rows) if (r.kind in KIND_CODE) result[KIND_CODE[r.kind]] = r.n;
    result.ms = Math.round(performance.now() - started);
    return result;
  });
}

const NOW_UTC = `($2::timestamptz AT TIME ZONE 'UTC')`;

/** `seen`: the item's state when loaded (NEW: none), so each statement reads only its own rows. */
type TWantRow = [connectionId: string, accountId: string, kind: TQueueItemKind, rules: string[], detail: string, changedAt: Date | null, seen: string];
type TExisting = { id: string; k: TQueueItemKind; st: string; origin: string; v: number; r: string; d: string; renew: boolean; da: Date | null };

/** The scope's connection items, compactly: enough to know which ones a build would change (invitation items have their own step). */
async function loadItems(client: TSqlClient, scope: TBuildScope, now: Date): Promise<Map<string, TExisting>> {
  const { rows } = await client.query<TExisting & { c: string }>(
    `SELECT id, "connectionId" AS c, kind::text AS k, state::text AS st, origin, "voteCount" AS v, array_to_string(rules, ',') AS r,
            "ruleDetail"::text AS d,
            (state = 'DONE' AND "executedAt" IS NULL AND decision = 'KEEP' AND "keepUntil" <= ($3::timestamptz AT TIME ZONE 'UTC')) AS renew,
            CASE WHEN state = 'DONE' AND kind = 'JOB_CHANGE' AND "executedAt" IS NULL THEN "decidedAt" AT TIME ZONE 'UTC' END AS da
       FROM "ReviewItem" WHERE "teamId" = $1 AND ($2::text IS NULL OR "accountId" = $2) AND "connectionId" IS NOT NULL`,
    [scope.teamId, scope.accountId, now.toISOString()],
  );
  return new Map(rows.map((r) => [`${r.c}:${r.k}`, r]));
}

function needsWrite(i: TExisting, rules: string, detail: string, changedAt: Date | null): boolean {
  if (i.st === "OPEN") return i.origin === "rule" && i.v === 0 && (i.r !== rules || i.d !== detail);
  if (i.st === "CLOSED") return i.origin === "rule" && i.v === 0;
  if (i.st === "DONE") return i.renew || (changedAt !== null && i.da !== null && i.da < changedAt);
  return false;
}

/**
 * Text Postgres accepts from people's data (titles, companies, tag and ICP names): no lone
 * surrogate (JSON.stringify writes one as "\ud83d", which jsonb refuses) and no NUL (neither text
 * nor jsonb stores one). One such title must not fail the whole team's build.
 */
export function storableText(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed().replace(/\u0000/g, "\uFFFD");
}

/** The text Postgres prints for this object as jsonb (keys by length, then bytes; ", " and ": "). */
function jsonbText(o: Record<string, string | undefined>): string {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(storableText(o[k]!))}`).join(", ")}}`;
}

async function writeItems(
  client: TSqlClient,
  teamId: string,
  now: Date,
  want: TWantRow[],
  close: string[][],
): Promise<Pick<TQueueBuildResult, "opened" | "updated" | "closed" | "reopened">> {
  await client.query(
    `CREATE TEMP TABLE qb_want (connection_id text, account_id text, kind "ReviewKind", rules text[], detail jsonb, changed_at timestamptz,
                                seen text, PRIMARY KEY (connection_id, kind)) ON COMMIT DROP`,
  );
  await copyRows(client, "qb_want", ["connection_id", "account_id", "kind", "rules", "detail", "changed_at", "seen"], want);
  // Only rows that change are here, and each statement reads its own (`seen`). The joins stay hash
  // joins (withTeamSql turns nested loops off): right after a first build ReviewItem's statistics
  // still say the team has a handful of items, and a nested loop then rescanned the whole list of
  // changes once per item (closing 1,000 items took 7 s instead of milliseconds).
  const p = [teamId, now.toISOString()];

  // Items a human never touched follow the rules: same rules → only the sentences are refreshed
  // (no version bump: nothing a reviewer decides on changed); other rules → a new version.
  const updated = await client.query(
    `UPDATE "ReviewItem" i
        SET rules = w.rules, "ruleDetail" = w.detail,
            version = i.version + CASE WHEN i.rules IS DISTINCT FROM w.rules THEN 1 ELSE 0 END, "updatedAt" = ${NOW_UTC}
       FROM qb_want w
      WHERE w.seen = 'OPEN' AND i."teamId" = $1 AND i."connectionId" = w.connection_id AND i.kind = w.kind
        AND i.state = 'OPEN' AND i.origin = 'rule' AND i."voteCount" = 0
        AND (i.rules IS DISTINCT FROM w.rules OR i."ruleDetail" IS DISTINCT FROM w.detail)`,
    p,
  );
  // Closed before anyone voted, and its reason is back: the same round opens again.
  const reopenedClosed = await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'OPEN', rules = w.rules, "ruleDetail" = w.detail, "closedReason" = NULL, "closedAt" = NULL,
            "claimedById" = NULL, "claimExpiresAt" = NULL, version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM qb_want w
      WHERE w.seen = 'CLOSED' AND i."teamId" = $1 AND i."connectionId" = w.connection_id AND i.kind = w.kind
        AND i.state = 'CLOSED' AND i.origin = 'rule' AND i."voteCount" = 0`,
    p,
  );
  // A Keep lasts keepUntil; a job change seen after the decision is news too. Either way the item
  // comes back as a new round (the old round's votes stay in ReviewVote under their round).
  const reopenedDone = await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'OPEN', round = i.round + 1, origin = 'rule', rules = w.rules, "ruleDetail" = w.detail,
            reason = NULL, "addedById" = NULL, "protectedLoss" = '{}', "voteCount" = 0,
            decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL, "keepUntil" = NULL,
            "snoozedUntil" = NULL, "closedReason" = NULL, "closedAt" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM qb_want w
      WHERE w.seen = 'DONE' AND i."teamId" = $1 AND i."connectionId" = w.connection_id AND i.kind = w.kind
        AND i.state = 'DONE' AND i."executedAt" IS NULL
        AND ((i.decision = 'KEEP' AND i."keepUntil" IS NOT NULL AND i."keepUntil" <= ${NOW_UTC})
             OR (i.kind = 'JOB_CHANGE' AND w.changed_at IS NOT NULL AND i."decidedAt" < (w.changed_at AT TIME ZONE 'UTC')))`,
    p,
  );
  const opened = await client.query(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, origin, rules, "ruleDetail", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, w.connection_id, w.account_id, w.kind, 'OPEN', 'rule', w.rules, w.detail, ${NOW_UTC}, ${NOW_UTC}
       FROM qb_want w WHERE w.seen = 'NEW'
     ON CONFLICT ("teamId", "connectionId", kind) DO NOTHING`,
    p,
  );
  // Re-checked here, not trusted from the load: a vote cast meanwhile keeps its item open.
  const closed = await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'CLOSED', "closedReason" = c.reason, "closedAt" = ${NOW_UTC}, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[]) AS c(item_id, reason)
      WHERE i.id = c.item_id AND i."teamId" = $1 AND i.state = 'OPEN' AND i.origin = 'rule' AND i."voteCount" = 0`,
    [...p, close.map((c) => c[0]!), close.map((c) => c[1]!)],
  );
  return {
    opened: opened.rowCount ?? 0,
    updated: updated.rowCount ?? 0,
    closed: closed.rowCount ?? 0,
    reopened: (reopenedClosed.rowCount ?? 0) + (reopenedDone.rowCount ?? 0),
  };
}
