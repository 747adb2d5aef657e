import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, type TThrowawayDatabase } from "../testing";
import { diffSchemaAgainstDatabase, diffShapes } from "./drift";
import { runMigrations } from "./index";
import { schemaShapeFromPrisma } from "./schema-shape";

// Stands in for `prisma migrate diff` (which needs the schema engine): a migration that forgets
// a column, index or foreign key from schema.prisma, or adds one the schema lacks, fails here.

async function migratedThrowaway(label: string): Promise<TThrowawayDatabase> {
  const db = await createThrowawayDatabase(label);
  await runMigrations({ ownerUrl: db.ownerUrl, appUrl: db.appUrl, log: () => undefined });
  return db;
}

async function exec(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("prisma/migrations against prisma/schema.prisma", () => {
  let db: TThrowawayDatabase;
  beforeAll(async () => {
    db = await migratedThrowaway("drift");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("a freshly migrated database matches schema.prisma", async () => {
    expect(await diffSchemaAgainstDatabase(db.ownerUrl)).toEqual([]);
  });

  it("ReviewItem's invitation index leaves out connection items and still serves the cascade", async () => {
    // A queue build wrote a NULL entry per connection item (20261206110000). The cascade from
    // PendingInvitation reads `"invitationId" = $1`, which implies IS NOT NULL: a generic plan
    // (what the foreign-key trigger runs) must still use the partial index.
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'ReviewItem_invitationId_idx'`);
      expect(rows[0]?.def).toMatch(/WHERE \("invitationId" IS NOT NULL\)$/);
      await client.query(`SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off`);
      await client.query(`PREPARE cascade_probe(text) AS SELECT 1 FROM ONLY "ReviewItem" x WHERE $1 OPERATOR(pg_catalog.=) x."invitationId" FOR KEY SHARE OF x`);
      const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE cascade_probe('x')`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("ReviewItem_invitationId_idx");
      // 20261206120000: at most 10 teams as most-common values, so a team the statistics lack is
      // estimated at an average team's size, not at ~1 item (the claim then read a whole team).
      const target = await client.query<{ t: number }>(`SELECT attstattarget AS t FROM pg_attribute WHERE attrelid = '"ReviewItem"'::regclass AND attname = 'teamId'`);
      expect(target.rows[0]?.t).toBe(10);
    } finally {
      await client.end();
    }
  });
});

describe("diffSchemaAgainstDatabase", () => {
  let db: TThrowawayDatabase;
  beforeAll(async () => {
    db = await migratedThrowaway("drift_neg");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reports a column added and an index dropped behind the schema's back", async () => {
    await exec(db.ownerUrl, 'ALTER TABLE "User" ADD COLUMN "extra" text', 'DROP INDEX "Session_userId_idx"');
    const diff = await diffSchemaAgainstDatabase(db.ownerUrl);
    expect(diff).toContain('column "User"."extra": in database, not in schema.prisma');
    expect(diff).toContain('index "Session"("userId"): in schema.prisma, missing in database');
    expect(diff).toHaveLength(2);
  });

  it("reports type, nullability, default, enum, unique and foreign-key drift", async () => {
    await exec(
      db.ownerUrl,
      'ALTER TABLE "EmailOutbox" ALTER COLUMN "attempts" TYPE bigint',
      'ALTER TABLE "EmailOutbox" ALTER COLUMN "lastError" SET NOT NULL',
      'ALTER TABLE "EmailOutbox" ALTER COLUMN "status" DROP DEFAULT',
      `ALTER TYPE "Role" ADD VALUE 'GUEST'`,
      'DROP INDEX "Team_slug_key"',
      'ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey"',
      'ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
    );
    const diff = await diffSchemaAgainstDatabase(db.ownerUrl);
    expect(diff).toEqual(
      expect.arrayContaining([
        'column "EmailOutbox"."attempts": type integer in schema.prisma, bigint in database',
        'column "EmailOutbox"."lastError": nullable in schema.prisma, NOT NULL in database',
        'column "EmailOutbox"."status": has a default in schema.prisma, no default in database',
        'enum "Role": values [OWNER, ADMIN, MEMBER] in schema.prisma, [OWNER, ADMIN, MEMBER, GUEST] in database',
        'unique index "Team"("slug"): in schema.prisma, missing in database',
        'foreign key "Session"("userId") -> "User"("id"): onDelete Cascade in schema.prisma, Restrict in database',
      ]),
    );
  });
});

describe("schemaShapeFromPrisma", () => {
  it("maps @map/@@map, native types, lists, client-side defaults and default referential actions", () => {
    const shape = schemaShapeFromPrisma(`
      datasource db {
        provider = "postgresql"
      }
      enum Kind {
        A
        B @map("bee")
        @@map("kind")
      }
      model Parent {
        id   String  @id @default(uuid())
        kids Child[]
      }
      model Child {
        id       Int      @id @default(autoincrement())
        code     String   @db.VarChar(20) @map("code_col")
        at       DateTime @db.Timestamptz(6)
        tags     String[]
        kind     Kind     @default(A)
        parentId String?
        parent   Parent?  @relation(fields: [parentId], references: [id])
        @@unique([code, at])
        @@map("children")
      }
    `);
    expect(shape.enums.get("kind")).toEqual(["A", "bee"]);
    expect(shape.tables.get("Parent")?.columns.get("id")).toEqual({ type: "text", nullable: false, hasDefault: false });
    const child = shape.tables.get("children");
    expect(Object.fromEntries(child?.columns ?? [])).toEqual({
      id: { type: "integer", nullable: false, hasDefault: true },
      code_col: { type: "character varying(20)", nullable: false, hasDefault: false },
      at: { type: "timestamp(6) with time zone", nullable: false, hasDefault: false },
      tags: { type: "text[]", nullable: true, hasDefault: false }, // Prisma Migrate writes `TEXT[]` without NOT NULL
      kind: { type: 'enum "kind"', nullable: false, hasDefault: true },
      parentId: { type: "text", nullable: true, hasDefault: false },
    });
    expect([...(child?.indexes ?? [])]).toEqual(["unique|code_col,at"]);
    expect(Object.fromEntries(child?.foreignKeys ?? [])).toEqual({
      "parentId|Parent|id": { onDelete: "SetNull", onUpdate: "Cascade" },
    });
    expect(diffShapes(shape, shape)).toEqual([]);
  });

  it("explains an invalid schema without ANSI noise", () => {
    expect(() => schemaShapeFromPrisma("model {")).toThrow(/^schema.prisma does not validate:\n[^\u001b]*$/);
  });
});
