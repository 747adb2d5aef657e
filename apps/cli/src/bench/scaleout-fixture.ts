// The scale-out bench's people and data, made before the timed window: empty upload teams (one
// owner, one LinkedIn account each), "floor" teams whose network was imported by the running
// workers and whose review queue was built, the reviewers on them, and per account owner an
// extra account of the floor team with approved removals to confirm. Everything is named with
// PREFIX, and the previous run's teams and users are deleted first (the bench's own database).
import { Readable } from "node:stream";
import type pg from "pg";
import { buildQueue, createApiKeyForTeam, createLinkedInAccount, getImport, receiveUpload, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { emptyIcpDefinition } from "@crm/scoring";
import { seedApprovedAccounts } from "./removals-fixture";
import { BENCH_PASSWORD, ensureReviewers } from "./review-fixture";

const PREFIX = "Scaleout Bench";
const EMAIL_DOMAIN = "scaleout.bench.example.test";
const MARK = "scaleout-bench";
const OWNER_CONNECTIONS = 600;

export type TUploadTeam = {
  ctx: TTeamContext;
  email: string;
  accountId: string;
};
export type TFloor = {
  ctx: TTeamContext;
  accountId: string;
  key: string;
  reviewers: string[];
  owners: Array<{ accountId: string; items: string[] }>;
};

export async function cleanupScaleout(c: pg.Client): Promise<void> {
  await c.query(`DELETE FROM "Team" WHERE name LIKE $1`, [`${PREFIX}%`]);
  await c.query(`DELETE FROM "User" WHERE email LIKE $1 OR email LIKE $2`, [`%@${EMAIL_DOMAIN}`, `reviewer-%-scaleout-bench-%@bench.example.test`]);
}

async function newTeam(kind: string, i: number): Promise<{ ctx: TTeamContext; email: string; accountId: string }> {
  const email = `${kind}-${i}-${Date.now().toString(36)}@${EMAIL_DOMAIN}`;
  const { team, userId } = await signUp({
    name: `${kind} owner ${i}`,
    email,
    password: BENCH_PASSWORD,
    teamName: `${PREFIX} ${kind} ${i}`,
  });
  const ctx: TTeamContext = {
    teamId: team.id,
    slug: team.slug,
    teamName: team.name,
    userId,
    role: "OWNER",
  };
  const { id: accountId } = await createLinkedInAccount(ctx, {
    label: "Main",
    ownerUserId: userId,
    timeZone: "UTC",
  });
  return { ctx, email, accountId };
}

export async function uploadTeams(n: number): Promise<TUploadTeam[]> {
  const out: TUploadTeam[] = [];
  for (let i = 0; i < n; i++) out.push(await newTeam("upload", i + 1));
  return out;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`setup: ${what} not done in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A floor team: `rows` connections imported and scored by the workers, then its queue built. */
async function floorTeam(c: pg.Client, i: number, rows: number): Promise<{ ctx: TTeamContext; accountId: string }> {
  const { ctx, accountId } = await newTeam("floor", i + 1);
  const def = {
    ...emptyIcpDefinition(),
    seniorities: {
      values: ["vp", "director", "c_level"],
      weight: "important" as const,
    },
  };
  const { id: icpId } = await saveIcp(ctx, {
    name: "Leaders",
    definition: def,
  });
  const csv = Buffer.from(generateConnectionsCsv({ rows, hidden: 0, seed: 1000 + i }));
  const { importId } = await receiveUpload(ctx, {
    accountId,
    fileName: "Connections.csv",
    body: Readable.from([csv]),
    declaredBytes: csv.length,
  });
  await until("floor import", async () => !["UPLOADING", "QUEUED", "PROCESSING"].includes((await getImport(ctx, importId)).status), 900_000);
  await until(
    "floor scoring",
    async () => {
      const r = await c.query<{ done: boolean }>(
        `SELECT i."scoredVersion" = i.version AND i."rescoreProgress" = 100
            AND (SELECT count(*) FROM "IcpScore" s WHERE s."icpId" = i.id) >= (SELECT count(*) FROM "Connection" x WHERE x."teamId" = i."teamId") AS done
           FROM "Icp" i WHERE i.id = $1`,
        [icpId],
      );
      return r.rows[0]?.done === true;
    },
    900_000,
  );
  await buildQueue(ctx.teamId);
  return { ctx, accountId };
}

/** Per owner, an account of the floor team with connections and `items` approved removals. */
async function ownerAccounts(c: pg.Client, ctx: TTeamContext, owners: number, items: number): Promise<TFloor["owners"]> {
  if (owners === 0) return [];
  const accounts = await seedApprovedAccounts(c, { teamId: ctx.teamId, ownerId: ctx.userId, label: "Scaleout owner ", timeZone: "UTC", count: owners, connections: OWNER_CONNECTIONS, items, mark: MARK, tag: "sbench" });
  await c.query(`ANALYZE "LinkedInAccount"; ANALYZE "ReviewItem"; ANALYZE "Connection"`);
  return accounts;
}

/**
 * `reviewers` and `owners` spread over floor teams of up to 25 reviewers each, every floor team
 * imported with `rows` connections. `ownerItems` approved removals per owner account.
 */
export async function floorTeams(c: pg.Client, opts: { reviewers: number; owners: number; rows: number; ownerItems: number }): Promise<TFloor[]> {
  const n = Math.max(1, Math.ceil(opts.reviewers / 25));
  const out: TFloor[] = [];
  for (let i = 0; i < n; i++) {
    const { ctx, accountId } = await floorTeam(c, i, opts.rows);
    const share = (total: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
    const reviewers = await ensureReviewers(c, ctx, share(opts.reviewers));
    const owners = await ownerAccounts(c, ctx, share(opts.owners), opts.ownerItems);
    const key = (await createApiKeyForTeam(ctx.slug, "READ_WRITE", `Scaleout bench ${new Date().toISOString()}`)).secret;
    const open = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ReviewItem" WHERE "teamId" = $1 AND "accountId" = $2 AND state = 'OPEN'`, [ctx.teamId, accountId]);
    console.log(`  floor team ${i + 1}/${n}: ${open.rows[0]!.n} open review items, ${reviewers.length} reviewers, ${owners.length} owner accounts`);
    if (open.rows[0]!.n === 0) throw new Error(`setup: floor team ${ctx.slug} has an empty review queue`);
    out.push({ ctx, accountId, key, reviewers, owners });
  }
  return out;
}
