// 50 "removed" confirmations against one account at the same moment (two tabs, devices, scripts
// and replicas at once): how many the server lets through, what the rest are told, and what the
// database counted. With the budget untouched and nothing in the way, the gap after a removal
// (never under 30 s) allows exactly one of a burst; a blocked account allows none.
import type pg from "pg";
import { requestJson } from "./http-session";

export type TBurst = {
  /** How many the budget allowed when the burst started. */
  allowed: number;
  ok: number;
  refused: number;
  other: number;
  /** The 429s' codes (PACE_WAIT, DAILY_LIMIT, …). */
  codes: Record<string, number>;
  /** Counted "removed" outcomes and today's RemovalDay.used of the account afterwards. */
  counted: number;
  dayUsed: number;
  /** From the first request sent to the last answer in. */
  wallMs: number;
  maxMs: number;
  failures: string[];
};

type TBudget = { remaining: number; blockedBy: string | null };

export async function concurrentConfirmations(c: pg.Client, baseUrl: string, key: string, teamId: string, accountId: string, items: string[]): Promise<TBurst> {
  const headers = { authorization: `Bearer ${key}` };
  const budgetPath = `/api/v1/accounts/${accountId}/removal-budget`;
  // As many keep-alive connections as requests, opened beforehand: the burst measures the server, not TCP handshakes.
  const warm = await Promise.all(items.map(() => requestJson<TBudget>(baseUrl, null, budgetPath, { headers })));
  const before = warm[0]!;
  if (before.status !== 200) throw new Error(`burst: GET ${budgetPath}: ${before.status} ${JSON.stringify(before.body).slice(0, 200)}`);
  const allowed = before.body.remaining > 0 && before.body.blockedBy === null ? 1 : 0;

  const t0 = performance.now();
  const answers = await Promise.all(
    items.map(async (id) => {
      const r = await requestJson<{ error?: { code?: string } }>(baseUrl, null, `/api/v1/review-items/${id}/outcome`, { method: "POST", body: { outcome: "removed" }, headers });
      return { status: r.status, body: r.body, ms: performance.now() - t0 };
    }),
  );
  const wallMs = performance.now() - t0;

  const codes: Record<string, number> = {};
  const failures: string[] = [];
  let ok = 0;
  let refused = 0;
  for (const a of answers) {
    if (a.status === 200) ok++;
    else if (a.status === 429) {
      refused++;
      const code = a.body.error?.code ?? "?";
      codes[code] = (codes[code] ?? 0) + 1;
    } else if (failures.length < 5) failures.push(`${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
  }
  const db = await c.query<{ counted: number; used: number }>(
    `SELECT (SELECT count(*)::int FROM "RemovalOutcome" WHERE "teamId" = $1 AND "accountId" = $2 AND counted) AS counted,
            (SELECT coalesce(sum(used), 0)::int FROM "RemovalDay" WHERE "teamId" = $1 AND "accountId" = $2) AS used`,
    [teamId, accountId],
  );
  return {
    allowed,
    ok,
    refused,
    other: answers.length - ok - refused,
    codes,
    counted: db.rows[0]!.counted,
    dayUsed: db.rows[0]!.used,
    wallMs,
    maxMs: Math.max(...answers.map((a) => a.ms)),
    failures,
  };
}
