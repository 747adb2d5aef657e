// The connections workspace's benchmark dataset: 40 teams × 30,000 connections (1.2M rows) with
// tags, notes and ICP scores, so one team's queries run against a realistically large table.
// Generated set-based in SQL as the database owner (it is fixture data, not an import), and kept
// between runs: teams that are already complete are not seeded again.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { serverEnv } from "@crm/config";
import { createLinkedInAccount, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { classifyTitle, emptyIcpDefinition } from "@crm/scoring";
import { ms } from "./util";

export const BENCH_TEAMS = Number(process.env.BENCH_WS_TEAMS ?? 40);
export const BENCH_ROWS = 30_000;
const PREFIX = "Workspace Bench";
/** Every bench team's owner signs in with it (the HTTP bench opens the connections page as them). */
export const WORKSPACE_PASSWORD = "benchmark passphrase 2026";

const FIRST = ["Anna", "Jörg", "Maria", "Li", "Sofia", "Ahmed", "Chloé", "Mateo", "Priya", "Tom", "Olga", "Kwame", "Yuki", "Lucas", "Emma", "José", "Noah", "Mia", "Ravi", "Elena", "Omar", "Zoe", "Ivan", "Sara", "Pedro", "Aiko", "Liam", "Nora", "Felix", "Amara"];
const LAST = ["Schmidt", "García", "Nguyen", "Müller", "Rossi", "Kowalski", "Smith", "O'Brien", "Dubois", "Tanaka", "Silva", "Okafor", "Jensen", "Novak", "Haddad", "Kim", "Patel", "Larsen", "Moreau", "Costa", "Weber", "Ivanova", "Brown", "Fischer", "Santos"];
const COMPANY_ROOTS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Soylent", "Vandelay", "Pied Piper", "Cyberdyne", "Tyrell", "Wonka", "Aperture", "Black Mesa", "Oscorp", "Gringotts", "Monarch", "Dunder Mifflin", "Prestige"];
const COMPANY_SUFFIXES = ["Corporation", "GmbH", "Ltd", "Inc.", "Labs", "Group", "Systems", "AG", "SAS", "Partners"];
const TITLES = [
  "VP Sales", "Head of Marketing", "Software Engineer", "Chief Executive Officer", "Account Executive, EMEA", "Recruiter | Hiring engineers",
  "Senior Product Manager", "Geschäftsführer", "Directeur commercial", "Founder & CEO", "Marketing Manager", "Data Scientist", "CFO",
  "Head of People", "Sales Development Representative", "Engineering Manager", "Product Designer", "Operations Director", "Consultant",
  "Student at TU Berlin", "Customer Success Manager", "Staff Engineer", "Chief Revenue Officer", "Growth Marketer", "Talent Acquisition Lead",
];
const TAGS = ["Prospect", "Customer", "Investor", "Partner", "Hiring", "Alumni", "Event 2026", "VIP"];

type TBenchTeam = { ctx: TTeamContext; accountId: string; tagIds: string[]; icpId: string };

async function owner(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: serverEnv().DATABASE_URL });
  await c.connect();
  return c;
}

async function createTeam(i: number): Promise<TBenchTeam> {
  const { team, userId } = await signUp({ name: `Bench ${i}`, email: `ws-bench-${i}-${randomUUID()}@example.test`, password: WORKSPACE_PASSWORD, teamName: `${PREFIX} ${String(i).padStart(2, "0")}` });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Main", ownerUserId: userId, timeZone: "UTC" });
  const def = { ...emptyIcpDefinition(), seniorities: { values: ["vp", "director", "c_level"], weight: "important" as const } };
  const { id: icpId } = await saveIcp(ctx, { name: "Leaders", definition: def });
  return { ctx, accountId, tagIds: [], icpId };
}

/** Connections, tags, tag links, notes and scores for one team, in one transaction. */
async function fill(c: pg.Client, t: TBenchTeam, seed: number): Promise<void> {
  const classes = TITLES.map((title) => classifyTitle(title));
  const companies = COMPANY_ROOTS.flatMap((r) => COMPANY_SUFFIXES.map((s) => `${r} ${s}`));
  const p = [t.ctx.teamId, t.accountId, FIRST, LAST, companies, TITLES, classes.map((k) => k.seniority), classes.map((k) => k.function), seed];
  await c.query("BEGIN");
  await c.query(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", email, company, position,
                               "connectedOn", status, "endorsedMe", "endorsementCount", "recommendedMe", "lastInteractionAt", "messageCount",
                               seniority, function, "classifiedTitle", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, 'li:bench-' || i, lower(fn || '|' || ln), 'https://www.linkedin.com/in/bench-' || i, fn, ln,
            CASE WHEN h % 30 = 0 THEN 'bench' || i || '@example.com' END, co, ti,
            date '2026-11-01' - (i * 0.15)::int, CASE WHEN h % 50 = 0 THEN 'GONE'::"ConnectionStatus" ELSE 'CONNECTED' END,
            h % 20 = 0, CASE WHEN h % 20 = 0 THEN 1 + h % 5 ELSE 0 END, h % 97 = 0,
            CASE WHEN h % 10 < 3 THEN now() - make_interval(days => h % 900) END, CASE WHEN h % 10 < 3 THEN 1 + h % 40 ELSE 0 END,
            ($7::text[])[tix], ($8::text[])[tix], ti, now()
       FROM (SELECT i, h, ($3::text[])[1 + h % array_length($3::text[], 1)] AS fn,
                    ($4::text[])[1 + (h / 7) % array_length($4::text[], 1)] AS ln,
                    ($5::text[])[1 + (h / 11) % array_length($5::text[], 1)] AS co,
                    1 + (h / 13) % array_length($6::text[], 1) AS tix,
                    ($6::text[])[1 + (h / 13) % array_length($6::text[], 1)] AS ti
               FROM (SELECT i, abs(hashint4(i + $9::int * 1000003)) AS h FROM generate_series(1, ${BENCH_ROWS}) i) g) x`,
    p,
  );
  const tags = await c.query<{ id: string }>(
    `INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt")
     SELECT gen_random_uuid()::text, $1, n, lower(n), (ARRAY['red','blue','green','amber','purple','teal','pink','gray'])[o], now()
       FROM unnest($2::text[]) WITH ORDINALITY AS u(n, o) RETURNING id`,
    [t.ctx.teamId, TAGS],
  );
  t.tagIds = tags.rows.map((r) => r.id);
  await c.query(
    `INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId")
     SELECT $1, ($2::text[])[1 + h % 8], id FROM (SELECT id, abs(hashint4(hashtext(id))) AS h FROM "Connection" WHERE "teamId" = $1) c WHERE h % 10 < 4
     UNION
     SELECT $1, ($2::text[])[1 + (h / 8) % 8], id FROM (SELECT id, abs(hashint4(hashtext(id))) AS h FROM "Connection" WHERE "teamId" = $1) c WHERE h % 10 = 0
     ON CONFLICT DO NOTHING`,
    [t.ctx.teamId, t.tagIds],
  );
  await c.query(
    `INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "updatedAt")
     SELECT gen_random_uuid()::text, $1, id, $2, 'Met at a conference; follow up about ' || company || '.', now()
       FROM "Connection" WHERE "teamId" = $1 AND abs(hashtext(id)) % 15 = 0`,
    [t.ctx.teamId, t.ctx.userId],
  );
  await c.query(
    `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags)
     SELECT $1, $2, id, 1, s, CASE WHEN s >= 70 THEN 'strong' WHEN s >= 40 THEN 'partial' ELSE 'none' END, '[]',
            CASE WHEN s % 17 = 0 THEN ARRAY['recruiter'] WHEN s % 23 = 0 THEN ARRAY['stale'] ELSE ARRAY[]::text[] END
       FROM (SELECT id, abs(hashtext(id || 'score')) % 101 AS s FROM "Connection" WHERE "teamId" = $1) x`,
    [t.ctx.teamId, t.icpId],
  );
  await c.query(`UPDATE "Icp" SET "scoredVersion" = 1, "rescoreProgress" = 100, "scoredAt" = now() WHERE id = $1`, [t.icpId]);
  await c.query("COMMIT");
}

/** The bench teams, seeding whichever are missing or incomplete. Returns them all. */
export async function ensureWorkspaceDataset(): Promise<TBenchTeam[]> {
  const c = await owner();
  try {
    const { rows } = await c.query<{ id: string; slug: string; name: string; userId: string; accountId: string | null; icpId: string | null; n: number }>(
      `SELECT t.id, t.slug, t.name, m."userId",
              (SELECT a.id FROM "LinkedInAccount" a WHERE a."teamId" = t.id LIMIT 1) AS "accountId",
              (SELECT i.id FROM "Icp" i WHERE i."teamId" = t.id LIMIT 1) AS "icpId",
              (SELECT count(*)::int FROM "Connection" x WHERE x."teamId" = t.id) AS n
         FROM "Team" t JOIN "Membership" m ON m."teamId" = t.id AND m.role = 'OWNER'
        WHERE t.name LIKE $1 ORDER BY t.name`,
      [`${PREFIX} %`],
    );
    const complete = rows.filter((r) => r.n === BENCH_ROWS && r.accountId && r.icpId);
    for (const r of rows.filter((x) => !complete.includes(x))) await c.query(`DELETE FROM "Team" WHERE id = $1`, [r.id]);
    const teams: TBenchTeam[] = [];
    for (const r of complete.slice(0, BENCH_TEAMS)) {
      const tagIds = (await c.query<{ id: string }>(`SELECT id FROM "Tag" WHERE "teamId" = $1 ORDER BY name`, [r.id])).rows.map((x) => x.id);
      teams.push({ ctx: { teamId: r.id, slug: r.slug, teamName: r.name, userId: r.userId, role: "OWNER" }, accountId: r.accountId!, tagIds, icpId: r.icpId! });
    }
    const missing = BENCH_TEAMS - teams.length;
    if (missing > 0) {
      console.log(`seeding ${missing} bench teams × ${BENCH_ROWS.toLocaleString("en")} connections (kept for later runs)…`);
      const started = performance.now();
      for (let k = 0; k < missing; k++) {
        const t = await createTeam(teams.length + 1);
        await fill(c, t, teams.length + 1);
        teams.push(t);
        if ((k + 1) % 5 === 0 || k + 1 === missing) console.log(`  ${k + 1}/${missing} teams seeded (${ms(performance.now() - started)})`);
      }
      await c.query(`ANALYZE "Connection"; ANALYZE "ConnectionTag"; ANALYZE "IcpScore"; ANALYZE "Note"; ANALYZE "Tag"`);
    }
    const total = await c.query<{ n: number; tags: number; notes: number }>(
      `SELECT (SELECT count(*)::int FROM "Connection") AS n, (SELECT count(*)::int FROM "ConnectionTag") AS tags, (SELECT count(*)::int FROM "Note") AS notes`,
    );
    const s = total.rows[0]!;
    console.log(`dataset: ${teams.length} bench teams; whole database ${s.n.toLocaleString("en")} connections, ${s.tags.toLocaleString("en")} tag links, ${s.notes.toLocaleString("en")} notes`);
    return teams;
  } finally {
    await c.end();
  }
}
