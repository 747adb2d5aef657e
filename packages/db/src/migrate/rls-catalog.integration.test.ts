import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../client";
import { withTeam } from "../tenant";
import { prepareTestDatabase, type TDatabaseUrls } from "../testing";

// The tenant wall is enforced by Postgres, not by application code: these checks read the catalog
// and then try to get past the policies as the app role.

let urls: TDatabaseUrls;
let owner: pg.Client;
let tenantTables: string[];

const id = (p: string) => `${p}_${randomBytes(6).toString("hex")}`;
const teamA = id("rlsA");
const teamB = id("rlsB");
const userId = id("rlsU");

async function asApp<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: urls.appUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs `fn` as the app role inside a transaction with app.team_id set, as withTeam() does. */
function asTeam<T>(teamId: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return asApp(async (c) => {
    await c.query("BEGIN");
    try {
      await c.query("SELECT set_config('app.team_id', $1, true)", [teamId]);
      return await fn(c);
    } finally {
      await c.query("ROLLBACK");
    }
  });
}

const teamColumn = (t: string) => (t === "Team" ? "id" : "teamId");

/** One row in each table added since the foundation, so every tenant table is probed with data. */
async function insertImportFixtures(team: string) {
  const [acc, imp, con] = [id("acc"), id("imp"), id("con")];
  const q = (sql: string, params: unknown[]) => owner.query(sql, params);
  await q(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, $3, 'probe', 'UTC', now())`, [acc, team, userId]);
  await q(`INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize") VALUES ($1, $2, $3, 'probe.csv', 1)`, [imp, team, acc]);
  await q(`INSERT INTO "ImportChunk" ("teamId", "importId", seq, data) VALUES ($1, $2, 0, '\\x00')`, [team, imp]);
  await q(`INSERT INTO "ImportRejection" ("teamId", "importId", seq, file, line, field, code, message, raw) VALUES ($1, $2, 0, 'f', 1, 'x', 'c', 'm', '{}')`, [team, imp]);
  await q(`INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName") VALUES ($1, $2, $3, 'li:probe', 'p', 'P', 'P')`, [con, team, acc]);
  await q(`INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", kind) VALUES ($1, $2, $3, 'IMPORTED')`, [id("ev"), team, con]);
  const pi = id("pi");
  await q(`INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey") VALUES ($1, $2, $3, $4, 'OUTGOING', 'P', 'name:p')`, [pi, team, acc, imp]);
  await q(`INSERT INTO "ColumnMapping" (id, "teamId", signature, mapping, "updatedAt") VALUES ($1, $2, 'sig', '{}', now())`, [id("cm"), team]);
  const icp = id("icp");
  await q(`INSERT INTO "Icp" (id, "teamId", name, definition, "updatedAt") VALUES ($1, $2, 'probe', '{}', now())`, [icp, team]);
  await q(`INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags) VALUES ($1, $2, $3, 1, 50, 'partial', '[]', '{}')`, [team, icp, con]);
  const [tag, exp] = [id("tag"), id("exp")];
  await q(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, 'probe', 'probe', 'blue', now())`, [tag, team]);
  await q(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId") VALUES ($1, $2, $3)`, [team, tag, con]);
  await q(`INSERT INTO "BulkTagChange" (id, "teamId", "tagId", kind, "connectionIds", count) VALUES ($1, $2, $3, 'add', ARRAY[$4], 1)`, [id("btc"), team, tag, con]);
  await q(`INSERT INTO "Note" (id, "teamId", "connectionId", body, "updatedAt") VALUES ($1, $2, $3, 'probe', now())`, [id("note"), team, con]);
  await q(`INSERT INTO "SavedView" (id, "teamId", "ownerUserId", name, query, "updatedAt") VALUES ($1, $2, $3, 'probe', '', now())`, [id("view"), team, userId]);
  await q(`INSERT INTO "ApiKey" (id, "teamId", name, prefix, "keyHash", scope) VALUES ($1, $2, 'probe', 'p', $3, 'READ')`, [id("key"), team, id("hash")]);
  const ri = id("ri");
  await q(`INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, "updatedAt") VALUES ($1, $2, $3, $4, 'REMOVE', now())`, [ri, team, con, acc]);
  await q(`INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "updatedAt") VALUES ($1, $2, $3, 1, $4, 'KEEP', now())`, [id("rv"), team, ri, userId]);
  await q(`INSERT INTO "ReviewComment" (id, "teamId", "itemId", body) VALUES ($1, $2, $3, 'probe')`, [id("rc"), team, ri]);
  await q(`INSERT INTO "ReviewChange" (id, "teamId", "batchId", "itemId", before, "afterVersion") VALUES ($1, $2, 'b', $3, '{}', 2)`, [id("rch"), team, ri]);
  await q(`INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") VALUES ($1, '{}', now())`, [team]);
  await q(`INSERT INTO "Notification" (id, "teamId", "userId", kind) VALUES ($1, $2, $3, 'probe')`, [id("nt"), team, userId]);
  await q(`INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())`, [id("rem"), team, con, acc]);
  await q(`INSERT INTO "RemovalBudget" ("accountId", "teamId", "updatedAt") VALUES ($1, $2, now())`, [acc, team]);
  await q(`INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", "updatedAt") VALUES ($1, $2, current_date, now())`, [team, acc]);
  await q(`INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate") VALUES ($1, $2, $3, $4, $5, 'KEPT', current_date)`, [id("out"), team, acc, ri, con]);
  const wi = id("wi");
  await q(`INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, "updatedAt") VALUES ($1, $2, $3, $4, 'WITHDRAW_INVITATION', now())`, [wi, team, pi, acc]);
  await q(`INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate") VALUES ($1, $2, $3, $4, $5, 'KEPT', current_date)`, [id("wout"), team, acc, wi, pi]);
  await q(`INSERT INTO "NotificationPreference" ("teamId", "userId", "updatedAt") VALUES ($1, $2, now())`, [team, userId]);
  await q(`INSERT INTO "DigestRun" (id, "teamId", "userId", kind, period, "dueAt", status) VALUES ($1, $2, $3, 'weekly', '2026-W49', now(), 'empty')`, [id("dr"), team, userId]);
  await q(`INSERT INTO "TeamStatsSnapshot" ("teamId", "takenOn", data) VALUES ($1, current_date, '{}')`, [team]);
  await q(`INSERT INTO "TeamExport" (id, "teamId") VALUES ($1, $2)`, [exp, team]);
  await q(`INSERT INTO "TeamExportChunk" ("teamId", "exportId", seq, data) VALUES ($1, $2, 0, '\\x00')`, [team, exp]);
}

beforeAll(async () => {
  urls = await prepareTestDatabase();
  owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  const { rows } = await owner.query<{ relname: string }>(
    `SELECT DISTINCT c.relname FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'teamId' AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND (a.attname IS NOT NULL OR c.relname = 'Team')
      ORDER BY c.relname`,
  );
  // EmailOutbox is global (decision 0003: the deliverer reads it with no team); its teamId only
  // tags team emails for the admins' deliveries page, which filters on the caller's team.
  tenantTables = rows.map((r) => r.relname).filter((t) => t !== "EmailOutbox");

  // Fixtures go in as the owner, which is exempt from RLS; the app role must then not see them.
  await owner.query('INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())', [
    userId,
    `${userId}@example.test`,
    "RLS probe",
    "x",
  ]);
  for (const team of [teamA, teamB]) {
    await owner.query('INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)', [team]);
    await owner.query(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'OWNER')`, [
      id("m"),
      team,
      userId,
    ]);
    await owner.query(
      `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "invitedById", "expiresAt")
       VALUES ($1, $2, 'x@example.test', 'MEMBER', $1, $3, now() + interval '1 day')`,
      [id("i"), team, userId],
    );
    await owner.query(`INSERT INTO "AuditLog" (id, "teamId", action) VALUES ($1, $2, 'probe')`, [id("a"), team]);
    await insertImportFixtures(team);
  }
});

afterAll(async () => {
  await disconnectDb();
  if (!owner) return;
  await owner.query('DELETE FROM "LinkedInAccount" WHERE "teamId" = ANY($1)', [[teamA, teamB]]); // owner FK restricts user deletion
  await owner.query('DELETE FROM "Team" WHERE id = ANY($1)', [[teamA, teamB]]); // cascades to tenant rows
  await owner.query('DELETE FROM "User" WHERE id = $1', [userId]);
  await owner.end();
});

describe("row-level security catalog", () => {
  it("covers every table with a teamId column, and Team", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(["AuditLog", "Invitation", "Membership", "Team"]));
  });

  it("has RLS enabled and forced, with a policy on app.team_id, on each of them", async () => {
    const { rows } = await owner.query<{ relname: string; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policies p
                WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.qual LIKE '%app.team_id%') AS policies
         FROM pg_class c WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const r of rows) {
      expect({ table: r.relname, rls: r.rls, forced: r.forced }).toEqual({ table: r.relname, rls: true, forced: true });
      expect(r.policies, `policies on ${r.relname} mentioning app.team_id`).toBeGreaterThan(0);
    }
  });
});

describe("row-level security as the app role", () => {
  it("shows no rows at all when app.team_id is not set", async () => {
    for (const t of tenantTables) {
      const { rows: asOwner } = await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE "${teamColumn(t)}" = ANY($1)`, [
        [teamA, teamB],
      ]);
      expect(asOwner[0]?.n, `owner sees the fixtures in ${t}`).toBeGreaterThan(0);
    }
    await asApp(async (c) => {
      for (const t of tenantTables) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM "${t}"`);
        expect(rows[0]?.n, `rows visible in ${t} without app.team_id`).toBe(0);
      }
    });
  });

  it("shows team A only its own rows", async () => {
    await asTeam(teamA, async (c) => {
      for (const t of tenantTables) {
        const col = teamColumn(t);
        const mine = await c.query(`SELECT count(*)::int AS n FROM "${t}" WHERE "${col}" = $1`, [teamA]);
        const theirs = await c.query(`SELECT count(*)::int AS n FROM "${t}" WHERE "${col}" = $1`, [teamB]);
        expect(mine.rows[0]?.n, `team A's rows in ${t}`).toBeGreaterThan(0);
        expect(theirs.rows[0]?.n, `team B's rows in ${t} seen by team A`).toBe(0);
      }
    });
  });

  it("rejects writing a row into team B while acting for team A", async () => {
    const attempts: [string, string, unknown[]][] = [
      ["AuditLog", `INSERT INTO "AuditLog" (id, "teamId", action) VALUES ($1, $2, 'forged')`, [id("a"), teamB]],
      ["Membership", `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'ADMIN')`, [id("m"), teamB, userId]],
      [
        "Invitation",
        `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "invitedById", "expiresAt")
         VALUES ($1, $2, 'y@example.test', 'MEMBER', $1, $3, now())`,
        [id("i"), teamB, userId],
      ],
      ["Team", `INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)`, [id("rlsT")]],
    ];
    for (const [table, sql, params] of attempts) {
      await asTeam(teamA, async (c) => {
        await expect(c.query(sql, params), table).rejects.toThrow(/row-level security policy/);
      });
    }
    // Moving one of A's rows over to B is a write into B as well.
    await asTeam(teamA, async (c) => {
      await expect(c.query(`UPDATE "AuditLog" SET "teamId" = $1 WHERE "teamId" = $2`, [teamB, teamA])).rejects.toThrow(
        /row-level security policy/,
      );
    });
  });
});

describe("prepareTestDatabase + withTeam", () => {
  it("points db() at the test database as the app role, and withTeam() sees one team", async () => {
    const [who] = await db().$queryRaw<{ user: string; database: string }[]>`SELECT current_user AS "user", current_database() AS database`;
    expect(who).toEqual({
      user: decodeURIComponent(new URL(urls.appUrl).username),
      database: new URL(urls.ownerUrl).pathname.slice(1),
    });
    const logs = await withTeam(teamA, (tx) => tx.auditLog.findMany({ where: { teamId: { in: [teamA, teamB] } } }));
    expect(logs.map((l) => l.teamId)).toEqual([teamA]);
  });
});
