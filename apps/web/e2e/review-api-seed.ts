import { createHash, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";

// Review items for e2e/api-review-items.spec.ts, written straight into the e2e database (owner role,
// no import, no worker): the spec needs exact items in exact states, and a queue build running
// after an import would add, close or update items under it. Keys are made the way the app makes
// them (crm_ + 43 characters, SHA-256 stored), so the API authenticates them as it would any key.

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test";
const NOW = "(now() AT TIME ZONE 'utc')";

export type TSeedTeam = {
  teamId: string;
  slug: string;
  users: Record<string, string>;
  accounts: Record<string, string>;
  items: Record<string, string>;
  connections: Record<string, string>;
  keys: Record<string, string>;
};

type TPerson = { key: string; first: string; last: string; account: string; url?: string; position?: string; company?: string };
type TItem = { key: string; person: string; kind: "REMOVE" | "FOLLOW_UP" | "JOB_CHANGE"; state?: "OPEN" | "APPROVED" | "SNOOZED" | "DONE" | "CLOSED"; rules: string[]; detail?: Record<string, string>; decidedBy?: string; minutesAgo: number };
type TKey = { key: string; user: string; scope: "READ" | "READ_WRITE" };

export type TSeedSpec = {
  name: string;
  users: Array<{ key: string; name: string; role: "OWNER" | "ADMIN" | "MEMBER" }>;
  accounts: Array<{ key: string; label: string; owner: string }>;
  people: TPerson[];
  items: TItem[];
  keys: TKey[];
};

export function apiKeySecret(): string {
  return `crm_${randomBytes(32).toString("base64url")}`;
}

export async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function seedTeam(spec: TSeedSpec): Promise<TSeedTeam> {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const t: TSeedTeam = { teamId: `team_${tag}`, slug: `${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${tag}`, users: {}, accounts: {}, items: {}, connections: {}, keys: {} };
  await withDb(async (c) => {
    await c.query("BEGIN");
    await c.query(`INSERT INTO "Team" (id, name, slug) VALUES ($1, $2, $3)`, [t.teamId, spec.name, t.slug]);
    for (const u of spec.users) {
      const id = `user_${u.key}_${tag}`;
      t.users[u.key] = id;
      await c.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, 'not-a-hash', ${NOW})`, [id, `${u.key}-${tag}@example.test`, u.name]);
      // Older than the keys: a key made before its creator's current membership does not work.
      await c.query(`INSERT INTO "Membership" (id, "teamId", "userId", role, "createdAt") VALUES ($1, $2, $3, $4, ${NOW} - interval '1 hour')`, [`m_${u.key}_${tag}`, t.teamId, id, u.role]);
    }
    for (const a of spec.accounts) {
      const id = `acc_${a.key}_${tag}`;
      t.accounts[a.key] = id;
      await c.query(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, $3, $4, 'UTC', ${NOW})`, [id, t.teamId, t.users[a.owner], a.label]);
    }
    for (const p of spec.people) {
      const id = randomUUID();
      t.connections[p.key] = id;
      await c.query(
        `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", position, company, "connectedOn")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, DATE '2018-03-01')`,
        [id, t.teamId, t.accounts[p.account], `li:${p.key}-${tag}`, `${p.first}|${p.last}`.toLowerCase(), p.url ?? null, p.first, p.last, p.position ?? null, p.company ?? null],
      );
    }
    for (const it of spec.items) {
      const id = randomUUID();
      t.items[it.key] = id;
      const person = spec.people.find((p) => p.key === it.person)!;
      const decided = it.state === "APPROVED" || it.state === "DONE";
      await c.query(
        `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, "ruleDetail", decision, "decidedById", "decidedAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5::"ReviewKind", $6::"ReviewState", $7, $8::jsonb, $9::"ReviewChoice", $10, $11::timestamp, ${NOW} - make_interval(mins => $12), ${NOW} - make_interval(mins => $12))`,
        [
          id,
          t.teamId,
          t.connections[it.person],
          t.accounts[person.account],
          it.kind,
          it.state ?? "OPEN",
          it.rules,
          JSON.stringify(it.detail ?? {}),
          decided ? (it.state === "APPROVED" ? "REMOVE" : "KEEP") : null,
          decided && it.decidedBy ? t.users[it.decidedBy] : null,
          decided ? new Date().toISOString().replace("Z", "") : null,
          it.minutesAgo,
        ],
      );
    }
    for (const k of spec.keys) {
      const secret = apiKeySecret();
      t.keys[k.key] = secret;
      await c.query(`INSERT INTO "ApiKey" (id, "teamId", name, prefix, "keyHash", scope, "createdById") VALUES ($1, $2, $3, $4, $5, $6::"ApiKeyScope", $7)`, [
        `key_${k.key}_${tag}`,
        t.teamId,
        `e2e ${k.key}`,
        secret.slice(0, 12),
        createHash("sha256").update(secret, "utf8").digest("hex"),
        k.scope,
        t.users[k.user],
      ]);
    }
    await c.query("COMMIT");
  });
  return t;
}

/**
 * Team A: Ada owns one account, Tom (member) another, Ana is an admin; items of every kind, one
 * approved. Team B: one item of its own. Keys: a read key and two read-write keys of Ada (one for
 * bad-input calls, so the per-minute budget lasts), one each for Tom, Ana and B's owner.
 */
export async function seedReviewApiTeams(): Promise<{ a: TSeedTeam; b: TSeedTeam }> {
  const a = await seedTeam({
    name: "Review Api A",
    users: [
      { key: "ada", name: "Ada Owner", role: "OWNER" },
      { key: "tom", name: "Tom Member", role: "MEMBER" },
      { key: "ana", name: "Ana Admin", role: "ADMIN" },
    ],
    accounts: [
      { key: "ada", label: "Ada’s LinkedIn", owner: "ada" },
      { key: "tom", label: "Tom’s LinkedIn", owner: "tom" },
    ],
    people: [
      { key: "p1", first: "Maria", last: "García", account: "ada", url: "https://www.linkedin.com/in/maria-garcia", position: "Recruiter", company: "Acme" },
      { key: "p2", first: "Spam", last: "Networker", account: "ada" },
      { key: "p3", first: "Fran", last: "Follow", account: "ada" },
      { key: "p4", first: "Jo", last: "Changer", account: "ada" },
      { key: "p5", first: "Old", last: "Approved", account: "ada" },
      { key: "p6", first: "Stale", last: "Version", account: "ada" },
      { key: "p7", first: "Tina", last: "Tomsfriend", account: "tom" },
    ],
    items: [
      { key: "remove1", person: "p1", kind: "REMOVE", rules: ["no_icp_fit", "stale"], detail: { stale: "No message since 2019-03" }, minutesAgo: 1 },
      { key: "remove2", person: "p2", kind: "REMOVE", rules: ["open_networker"], minutesAgo: 2 },
      { key: "follow", person: "p3", kind: "FOLLOW_UP", rules: ["follow_up"], minutesAgo: 3 },
      { key: "job", person: "p4", kind: "JOB_CHANGE", rules: ["job_change"], minutesAgo: 4 },
      { key: "approved", person: "p5", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 5 },
      { key: "stale", person: "p6", kind: "REMOVE", rules: ["no_icp_fit"], minutesAgo: 6 },
      { key: "toms", person: "p7", kind: "REMOVE", rules: ["no_icp_fit"], minutesAgo: 7 },
    ],
    keys: [
      { key: "adaRo", user: "ada", scope: "READ" },
      { key: "adaRw", user: "ada", scope: "READ_WRITE" },
      { key: "adaBad", user: "ada", scope: "READ_WRITE" },
      { key: "tomRw", user: "tom", scope: "READ_WRITE" },
      { key: "anaRw", user: "ana", scope: "READ_WRITE" },
    ],
  });
  const b = await seedTeam({
    name: "Review Api B",
    users: [{ key: "bo", name: "Bo Other", role: "OWNER" }],
    accounts: [{ key: "bo", label: "Bo’s LinkedIn", owner: "bo" }],
    people: [{ key: "q1", first: "Bea", last: "Bside", account: "bo" }],
    items: [{ key: "mine", person: "q1", kind: "REMOVE", rules: ["no_icp_fit"], minutesAgo: 1 }],
    keys: [{ key: "boRw", user: "bo", scope: "READ_WRITE" }],
  });
  return { a, b };
}

export async function setAdminsDecide(teamId: string, on: boolean): Promise<void> {
  await withDb((c) =>
    c.query(
      `INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") VALUES ($1, jsonb_build_object('adminsDecide', $2::boolean), ${NOW})
       ON CONFLICT ("teamId") DO UPDATE SET rules = "QueueSettings".rules || jsonb_build_object('adminsDecide', $2::boolean), version = "QueueSettings".version + 1`,
      [teamId, on],
    ),
  );
}

/** Best effort: a row that still refers to a user (an audit row) keeps that user; the test is over either way. */
export async function dropTeams(teams: TSeedTeam[]): Promise<void> {
  await withDb(async (c) => {
    for (const t of teams) {
      await c.query(`DELETE FROM "Team" WHERE id = $1`, [t.teamId]);
      await c.query(`DELETE FROM "User" WHERE id = ANY($1)`, [Object.values(t.users)]).catch(() => undefined);
    }
  });
}
