import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw, type TRawTx } from "@crm/db";
import { renderDigestEmail } from "@crm/email";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { composeTeamDigests } from "./compose-team";
import { sendWeeklyDigests } from "./send-weekly";

// Digest composition per team at bench-like shape: TEAMS teams × 10 members, 2 accounts × 300
// connections, one scored ICP, an import this week with its events, 40 review items with votes,
// reminders. Prints ms per email and statements per team (the 10,000-in-60 s
// target: ≤ 6 ms per email end to end on one core). On demand: DIGEST_PERF=1 (DIGEST_PERF_TEAMS=n).
// It leaves its teams behind (due digests for every later sweep test): use a throwaway database.

const TEAMS = Number(process.env.DIGEST_PERF_TEAMS ?? 30);
const MEMBERS = 10;
const PEOPLE = 300;
const run = `p${Date.now().toString(36)}`;
const dueAt = new Date(Date.now() + 3_600_000);
let teams: Array<{ teamId: string; users: string[] }> = [];

async function seed(): Promise<void> {
  // Everything set-based, as the owner; ids derived from the run, team and index.
  await ownerQuery(`INSERT INTO "Team" (id, name, slug) SELECT $1 || '-t' || t, 'Perf team ' || t, $1 || '-t' || t FROM generate_series(1, $2) t`, [run, TEAMS]);
  await ownerQuery(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT $1 || '-u' || t || '-' || m, $1 || '-u' || t || '-' || m || '@example.test', 'Member ' || m, 'x', now() FROM generate_series(1, $2) t, generate_series(1, $3) m`,
    [run, TEAMS, MEMBERS],
  );
  await ownerQuery(
    `INSERT INTO "Membership" (id, "teamId", "userId", role)
     SELECT gen_random_uuid()::text, $1 || '-t' || t, $1 || '-u' || t || '-' || m, (CASE WHEN m = 1 THEN 'OWNER' ELSE 'MEMBER' END)::"Role"
       FROM generate_series(1, $2) t, generate_series(1, $3) m`,
    [run, TEAMS, MEMBERS],
  );
  await ownerQuery(
    `INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt")
     SELECT $1 || '-a' || t || '-' || k, $1 || '-t' || t, $1 || '-u' || t || '-' || k, 'Network ' || k, 'Europe/Berlin', now() FROM generate_series(1, $2) t, generate_series(1, 2) k`,
    [run, TEAMS],
  );
  await ownerQuery(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName", company, position, "jobChangedAt")
     SELECT $1 || '-c' || t || '-' || k || '-' || i, $1 || '-t' || t, $1 || '-a' || t || '-' || k, 'li:' || i, 'n' || i, 'First' || i, 'Last' || i, 'Co ' || (i % 40), 'Title ' || (i % 13),
            CASE WHEN i % 50 = 0 THEN now() - interval '2 days' END
       FROM generate_series(1, $2) t, generate_series(1, 2) k, generate_series(1, $3) i`,
    [run, TEAMS, PEOPLE],
  );
  await ownerQuery(`INSERT INTO "Icp" (id, "teamId", name, definition, "updatedAt") SELECT $1 || '-i' || t, $1 || '-t' || t, 'Buyers', '{}', now() FROM generate_series(1, $2) t`, [run, TEAMS]);
  await ownerQuery(
    `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags)
     SELECT c."teamId", $1 || '-i' || substr(c."teamId", length($1) + 3), c.id, 1, s, CASE WHEN s >= 70 THEN 'strong' WHEN s >= 40 THEN 'partial' ELSE 'none' END, '[]', '{}'
       FROM "Connection" c CROSS JOIN LATERAL (SELECT (abs(hashtext(c.id)) % 100) AS s) x WHERE c.id LIKE $1 || '-c%'`,
    [run],
  );
  await ownerQuery(
    `INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize", status, "newCount", "goneCount", "jobChangeCount", "createdAt", "finishedAt")
     SELECT $1 || '-m' || t || '-' || k || '-' || w, $1 || '-t' || t, $1 || '-a' || t || '-' || k, 'c.csv', 1, 'COMPLETED', 20, 3, 6, now() - make_interval(days => w * 20 + 1), now() - make_interval(days => w * 20 + 1)
       FROM generate_series(1, $2) t, generate_series(1, 2) k, generate_series(0, 1) w`,
    [run, TEAMS],
  );
  await ownerQuery(
    `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind)
     SELECT gen_random_uuid()::text, c."teamId", c.id, replace(replace(c."accountId", '-a', '-m'), '', '') || '-0', 'IMPORTED'
       FROM "Connection" c WHERE c.id LIKE $1 || '-c%' AND right(c.id, 2) IN ('-1', '-2', '-3') `,
    [run],
  );
  await ownerQuery(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, "updatedAt", "createdAt")
     SELECT gen_random_uuid()::text, c."teamId", c.id, c."accountId", 'REMOVE', 'OPEN', '{no_icp_fit}', now(), now() - interval '5 days'
       FROM "Connection" c WHERE c.id LIKE $1 || '-c%' AND (substring(c.id from '[0-9]+$'))::int <= 20`,
    [run],
  );
  await ownerQuery(
    `INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "updatedAt")
     SELECT gen_random_uuid()::text, i."teamId", i.id, 1, replace(i."teamId", '-t', '-u') || '-' || m, 'REMOVE', now()
       FROM "ReviewItem" i, generate_series(2, 6) m WHERE i."teamId" LIKE $1 || '-t%'`,
    [run],
  );
  await ownerQuery(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", "createdById", "updatedAt")
     SELECT gen_random_uuid()::text, c."teamId", c.id, c."accountId", now() + make_interval(days => (substring(c.id from '[0-9]+$'))::int % 10 - 3),
            replace(replace(c."accountId", '-a', '-u'), '', ''), now()
       FROM "Connection" c WHERE c.id LIKE $1 || '-c%' AND (substring(c.id from '[0-9]+$'))::int % 30 = 0`,
    [run],
  );
  teams = Array.from({ length: TEAMS }, (_, i) => ({ teamId: `${run}-t${i + 1}`, users: Array.from({ length: MEMBERS }, (_, m) => `${run}-u${i + 1}-${m + 1}`) }));
  await ownerQuery(`ANALYZE`);
}

beforeAll(async () => {
  if (!process.env.DIGEST_PERF) return;
  await startTestEnv();
  await seed();
}, 600_000);
afterAll(async () => {
  if (process.env.DIGEST_PERF) await stopTestEnv();
});

describe.skipIf(!process.env.DIGEST_PERF)("digest composition at bench shape", () => {
  it("composes, renders and claims every member's digest with a bounded number of statements per team", async () => {
    let statements = 0;
    const t0 = performance.now();
    for (const t of teams.slice(0, 3)) {
      await withTeamRaw(t.teamId, async (tx) => {
        const counted = { $queryRaw: (...a: Parameters<TRawTx["$queryRaw"]>) => ((statements += 1), tx.$queryRaw(...a)), $executeRaw: (...a: Parameters<TRawTx["$executeRaw"]>) => ((statements += 1), tx.$executeRaw(...a)) } as TRawTx;
        await composeTeamDigests(counted, t.teamId, t.users.map((userId) => ({ userId, period: "2026-W49", dueAt })), dueAt);
      });
    }
    const perTeam = statements / 3;
    // Where the time goes, on teams already composed once today (snapshot written).
    let composeMs = 0;
    let renderMs = 0;
    for (const t of teams.slice(0, 10)) {
      const c0 = performance.now();
      const models = await withTeamRaw(t.teamId, (tx) => composeTeamDigests(tx, t.teamId, t.users.map((userId) => ({ userId, period: "2026-W49", dueAt })), dueAt));
      const c1 = performance.now();
      for (const m of models.values()) if (m) await renderDigestEmail(m);
      composeMs += c1 - c0;
      renderMs += performance.now() - c1;
    }
    console.info(`digest perf: compose ${(composeMs / 10).toFixed(1)} ms per team, render ${(renderMs / 100).toFixed(2)} ms per email (React ${process.env.NODE_ENV ?? "development"} build)`);
    const start = performance.now();
    const mem0 = process.memoryUsage().rss;
    let sent = 0;
    let done = 0;
    const rss: string[] = [];
    for (const t of teams) {
      const r = await sendWeeklyDigests(t.teamId, t.users.map((userId) => ({ userId, period: "2026-W49", dueAt })), dueAt);
      sent += r.filter((x) => x.status === "sent").length;
      if (++done % 100 === 0) {
        (globalThis as { gc?: () => void }).gc?.();
        rss.push(`${Math.round(process.memoryUsage().rss / 1e6)}/${Math.round(process.memoryUsage().heapUsed / 1e6)}`);
      }
    }
    console.info(`digest perf: rss/heap every 100 teams (MB; after gc with --expose-gc): ${rss.join(", ")}; heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    const ms = performance.now() - start;
    console.info(
      `digest perf: ${TEAMS} teams × ${MEMBERS}: ${sent} sent in ${ms.toFixed(0)} ms = ${(ms / (TEAMS * MEMBERS)).toFixed(2)} ms per email, ${(ms / TEAMS).toFixed(1)} ms per team; ` +
        `compose statements per team ${perTeam.toFixed(1)} (warm-up ${(start - t0).toFixed(0)} ms); rss ${(mem0 / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
    expect(sent).toBe(TEAMS * MEMBERS);
    // Four statements; six for a team's first digest of the UTC day (the fit snapshot is written).
    expect(perTeam).toBeLessThanOrEqual(6);
  });
});
