// Fixture data for the review bench: reviewers on a bench team (SQL as the database owner, one
// password hash shared by all), a fresh team imported through the real worker, and picks of
// items for the write benchmarks.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import pg from "pg";
import { serverEnv } from "@crm/config";
import { createLinkedInAccount, getImport, receiveUpload, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { emptyIcpDefinition } from "@crm/scoring";

export const BENCH_PASSWORD = "benchmark passphrase 2026";
export const FRESH_PREFIX = "Review Bench Fresh";

export async function ownerClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: serverEnv().DATABASE_URL });
  await c.connect();
  return c;
}

/** `n` MEMBER reviewers of the team (created once, kept), by email. */
export async function ensureReviewers(c: pg.Client, ctx: TTeamContext, n: number): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, k) => `reviewer-${k + 1}-${ctx.slug}@bench.example.test`);
  const have = await c.query<{ email: string }>(`SELECT email FROM "User" WHERE email = ANY($1)`, [emails]);
  if (have.rowCount! < n) {
    // The bench owners signed up with BENCH_PASSWORD: their hash serves every reviewer.
    const hash = (await c.query<{ h: string }>(`SELECT "passwordHash" AS h FROM "User" WHERE id = $1`, [ctx.userId])).rows[0]!.h;
    await c.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
       SELECT gen_random_uuid()::text, e, 'Reviewer ' || o, $2, now() FROM unnest($1::text[]) WITH ORDINALITY AS u(e, o)
       ON CONFLICT (email) DO NOTHING`,
      [emails, hash],
    );
  }
  await c.query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role)
     SELECT gen_random_uuid()::text, $1, u.id, 'MEMBER' FROM "User" u WHERE u.email = ANY($2)
     ON CONFLICT ("teamId", "userId") DO NOTHING`,
    [ctx.teamId, emails],
  );
  return emails;
}

export async function ownerEmail(c: pg.Client, userId: string): Promise<string> {
  return (await c.query<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [userId])).rows[0]!.email;
}

/** Open, unvoted, unclaimed items of the team, spread over the queue. */
export async function pickItems(c: pg.Client, teamId: string, n: number): Promise<Array<{ id: string; version: number }>> {
  const { rows } = await c.query<{ id: string; version: number }>(
    `SELECT id, version FROM "ReviewItem"
      WHERE "teamId" = $1 AND state = 'OPEN' AND "voteCount" = 0 AND ("claimedById" IS NULL OR "claimExpiresAt" < now())
      ORDER BY md5(id) LIMIT $2`,
    [teamId, n],
  );
  return rows;
}

export type TFreshTeam = { ctx: TTeamContext; email: string; accountId: string; importMs: number; scoredMs: number; rows: number };

/**
 * A new team with one ICP whose 30,000-row export is uploaded and imported by the running worker,
 * which then classifies and scores it. Returns once every connection is scored. Earlier fresh
 * teams are deleted first so repeated runs do not grow the database.
 */
export async function freshImportedTeam(c: pg.Client, rows: number): Promise<TFreshTeam> {
  await c.query(`DELETE FROM "Team" WHERE name LIKE $1`, [`${FRESH_PREFIX}%`]);
  const email = `review-fresh-${randomUUID()}@bench.example.test`;
  const { team, userId } = await signUp({ name: "Fresh Owner", email, password: BENCH_PASSWORD, teamName: `${FRESH_PREFIX} ${new Date().toISOString().slice(11, 19)}` });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Main", ownerUserId: userId, timeZone: "UTC" });
  const def = { ...emptyIcpDefinition(), seniorities: { values: ["vp", "director", "c_level"], weight: "important" as const } };
  const { id: icpId } = await saveIcp(ctx, { name: "Leaders", definition: def });
  const csv = Buffer.from(generateConnectionsCsv({ rows, hidden: 0 }));
  const t0 = performance.now();
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([csv]), declaredBytes: csv.length });
  let importMs = 0;
  for (let i = 0; ; i++) {
    const s = await getImport(ctx, importId);
    if (!["UPLOADING", "QUEUED", "PROCESSING"].includes(s.status)) {
      if (s.status !== "COMPLETED") console.log(`  fresh import ended in state ${s.status}`);
      importMs = performance.now() - t0;
      break;
    }
    if (i > 6000) throw new Error("fresh import did not finish in 10 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; ; i++) {
    const { rows: r } = await c.query<{ done: boolean; n: number }>(
      `SELECT i."scoredVersion" = i.version AND i."rescoreProgress" = 100 AS done,
              (SELECT count(*)::int FROM "IcpScore" s WHERE s."icpId" = i.id) AS n
         FROM "Icp" i WHERE i.id = $1`,
      [icpId],
    );
    const n = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Connection" WHERE "teamId" = $1`, [team.id])).rows[0]!.n;
    if (r[0]?.done && r[0].n >= n && n > 0) return { ctx, email, accountId, importMs, scoredMs: performance.now() - t0, rows: n };
    if (i > 6000) throw new Error("fresh team's scores did not arrive in 10 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
}
