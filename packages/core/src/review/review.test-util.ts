import { randomUUID } from "node:crypto";
import type { TTeamContext } from "../teams/membership";
import { ownerQuery, signUpUser, uniqueEmail, uniqueSuffix, type TSignedUpUser } from "../testing/setup";

// A team for the review queue's integration tests, written straight into the database as its
// owner (bypassing RLS, set-based): an owner, a teammate (MEMBER) and an admin; account "a" owned
// by the owner, account "b" by the teammate; one ICP; connections with scores; review items.
// Shared by the read and write tests: keep the exported shapes stable.

export type TMember = { userId: string; name: string; ctx: TTeamContext };

export type TReviewWorld = {
  owner: TSignedUpUser;
  ctx: { owner: TTeamContext; teammate: TTeamContext; admin: TTeamContext };
  teammate: TMember;
  admin: TMember;
  accounts: { a: { id: string; label: string; ownerUserId: string }; b: { id: string; label: string; ownerUserId: string } };
  icpId: string;
};

type TRole = "OWNER" | "ADMIN" | "MEMBER";

/** Adds members without going through sign-up (no password hashing): fast enough for 50 of them. */
export async function addMembers(owner: TSignedUpUser, count: number, role: Exclude<TRole, "OWNER"> = "MEMBER", label = "Reviewer"): Promise<TMember[]> {
  const members = Array.from({ length: count }, (_, i) => ({ userId: randomUUID(), name: `${label} ${i + 1}`, email: uniqueEmail(`${label}-${i}`) }));
  await ownerQuery(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT * , now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [members.map((m) => m.userId), members.map((m) => m.email), members.map((m) => m.name), members.map(() => "x")],
  );
  await ownerQuery(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) SELECT gen_random_uuid()::text, $1, u, $3::"Role" FROM unnest($2::text[]) u`,
    [owner.team.id, members.map((m) => m.userId), role],
  );
  return members.map((m) => ({ userId: m.userId, name: m.name, ctx: { teamId: owner.team.id, slug: owner.team.slug, teamName: owner.team.name, userId: m.userId, role } }));
}

export async function addAccount(teamId: string, ownerUserId: string, label: string): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, $3, $4, 'UTC', now())`, [id, teamId, ownerUserId, label]);
  return id;
}

export async function makeReviewWorld(label = "Review"): Promise<TReviewWorld> {
  const owner = await signUpUser(`${label} Owner`);
  const [teammate] = await addMembers(owner, 1, "MEMBER", `${label} Teammate`);
  const [admin] = await addMembers(owner, 1, "ADMIN", `${label} Admin`);
  const a = await addAccount(owner.team.id, owner.userId, `Owner network ${uniqueSuffix()}`);
  const b = await addAccount(owner.team.id, teammate!.userId, `Teammate network ${uniqueSuffix()}`);
  const icpId = randomUUID();
  await ownerQuery(`INSERT INTO "Icp" (id, "teamId", name, definition, "updatedAt") VALUES ($1, $2, 'Buyers', '{}', now())`, [icpId, owner.team.id]);
  const accounts = await ownerQuery<{ id: string; label: string; ownerUserId: string }>(`SELECT id, label, "ownerUserId" FROM "LinkedInAccount" WHERE id = ANY($1)`, [[a, b]]);
  const acc = (id: string) => accounts.find((x) => x.id === id)!;
  return { owner, ctx: { owner: owner.ctx, teammate: teammate!.ctx, admin: admin!.ctx }, teammate: teammate!, admin: admin!, accounts: { a: acc(a), b: acc(b) }, icpId };
}

export type TPersonSeed = {
  firstName?: string;
  lastName?: string;
  identityKey?: string;
  profileUrl?: string | null;
  company?: string | null;
  position?: string | null;
  status?: "CONNECTED" | "REMOVAL_PENDING" | "REMOVED" | "GONE";
  endorsedMe?: boolean;
  endorsementCount?: number;
  recommendedMe?: boolean;
  jobChangedAt?: Date | null;
  messageCount?: number;
  lastInteractionAt?: Date | null;
  /** Score under the world's ICP (none = unscored). */
  score?: number | null;
  flags?: string[];
};

const bandOf = (score: number) => (score >= 70 ? "strong" : score >= 40 ? "partial" : "none");

/** Connections in one account, in one statement each for rows and scores; returns their ids in order. */
export async function addConnections(world: Pick<TReviewWorld, "owner" | "icpId">, accountId: string, people: TPersonSeed[]): Promise<string[]> {
  const teamId = world.owner.team.id;
  const rows = people.map((p, i) => {
    const n = `${uniqueSuffix()}${i}`;
    return {
      id: randomUUID(),
      first: p.firstName ?? "Person",
      last: p.lastName ?? n,
      key: p.identityKey ?? `li:p-${n}-${randomUUID().slice(0, 8)}`,
      url: p.profileUrl === undefined ? null : p.profileUrl,
      company: p.company ?? null,
      position: p.position ?? null,
      status: p.status ?? "CONNECTED",
      endorsed: p.endorsedMe ?? false,
      endorsements: p.endorsementCount ?? 0,
      recommended: p.recommendedMe ?? false,
      jobChangedAt: p.jobChangedAt ?? null,
      messages: p.messageCount ?? 0,
      lastAt: p.lastInteractionAt ?? null,
    };
  });
  await ownerQuery(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName", "profileUrl", company, position,
                               status, "endorsedMe", "endorsementCount", "recommendedMe", "jobChangedAt", "messageCount", "lastInteractionAt")
     SELECT r.id, $1, $2, r.key, lower(r.first || '|' || r.last), r.first, r.last, r.url, r.company, r.position,
            r.status::"ConnectionStatus", r.endorsed, r.endorsements, r.recommended, r."jobChangedAt", r.messages, r."lastAt"
       FROM jsonb_to_recordset($3::jsonb) AS r(id text, key text, first text, last text, url text, company text, position text, status text,
            endorsed boolean, endorsements int, recommended boolean, "jobChangedAt" timestamptz, messages int, "lastAt" timestamptz)`,
    [teamId, accountId, JSON.stringify(rows)],
  );
  const scored = people.flatMap((p, i) => (p.score === undefined || p.score === null ? [] : [{ id: rows[i]!.id, score: p.score, band: bandOf(p.score), flags: p.flags ?? [] }]));
  if (scored.length) {
    await ownerQuery(
      `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags)
       SELECT $1, $2, s.id, 1, s.score, s.band, '[{"text":"Seeded","points":0}]'::jsonb, ARRAY(SELECT jsonb_array_elements_text(s.flags))
         FROM jsonb_to_recordset($3::jsonb) AS s(id text, score int, band text, flags jsonb)`,
      [teamId, world.icpId, JSON.stringify(scored)],
    );
  }
  return rows.map((r) => r.id);
}

export type TItemSeed = {
  connectionId: string;
  accountId: string;
  kind?: "REMOVE" | "FOLLOW_UP" | "JOB_CHANGE";
  state?: "OPEN" | "SNOOZED" | "APPROVED" | "DONE" | "CLOSED";
  rules?: string[];
  ruleDetail?: Record<string, string>;
  origin?: "rule" | "manual";
  decision?: "KEEP" | "REMOVE" | "FOLLOW_UP" | "SNOOZE" | null;
  decidedById?: string | null;
  snoozedUntil?: Date | null;
  executedAt?: Date | null;
  round?: number;
  createdAt?: Date;
};

/** Review items, one statement; returns their ids in order. */
export async function addItems(teamId: string, items: TItemSeed[]): Promise<string[]> {
  // One createdAt for the whole call, as one queue build gives (a Date per item crossed a
  // millisecond on a slow machine: claim-resume's "one createdAt for all 30" failed).
  const now = new Date();
  const rows = items.map((it) => ({
    id: randomUUID(),
    connectionId: it.connectionId,
    accountId: it.accountId,
    kind: it.kind ?? "REMOVE",
    state: it.state ?? "OPEN",
    rules: it.rules ?? ["no_icp_fit"],
    ruleDetail: it.ruleDetail ?? {},
    origin: it.origin ?? "rule",
    decision: it.decision ?? null,
    decidedById: it.decidedById ?? null,
    decidedAt: it.decision ? new Date().toISOString() : null,
    snoozedUntil: it.snoozedUntil?.toISOString() ?? null,
    executedAt: it.executedAt?.toISOString() ?? null,
    round: it.round ?? 1,
    createdAt: (it.createdAt ?? now).toISOString(),
  }));
  await ownerQuery(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, "ruleDetail", origin, decision, "decidedById", "decidedAt",
                               "snoozedUntil", "executedAt", round, "createdAt", "updatedAt")
     SELECT r.id, $1, r."connectionId", r."accountId", r.kind::"ReviewKind", r.state::"ReviewState", ARRAY(SELECT jsonb_array_elements_text(r.rules)), r."ruleDetail",
            r.origin, r.decision::"ReviewChoice", r."decidedById", r."decidedAt", r."snoozedUntil", r."executedAt", r.round, r."createdAt", r."createdAt"
       FROM jsonb_to_recordset($2::jsonb) AS r(id text, "connectionId" text, "accountId" text, kind text, state text, rules jsonb, "ruleDetail" jsonb,
            origin text, decision text, "decidedById" text, "decidedAt" timestamptz, "snoozedUntil" timestamptz, "executedAt" timestamptz, round int, "createdAt" timestamptz)`,
    [teamId, JSON.stringify(rows)],
  );
  return rows.map((r) => r.id);
}

/** `count` scored connections in the account, each with one item of `kind` (scores 0..count-1 mod 100). */
export async function fillQueue(world: TReviewWorld, accountId: string, count: number, item: Omit<TItemSeed, "connectionId" | "accountId"> = {}): Promise<string[]> {
  const ids = await addConnections(world, accountId, Array.from({ length: count }, (_, i) => ({ score: i % 100 })));
  return addItems(world.owner.team.id, ids.map((connectionId) => ({ ...item, connectionId, accountId })));
}

/** A vote in the item's current round (upsert), keeping ReviewItem.voteCount in step. */
export async function addVote(teamId: string, itemId: string, userId: string, choice: "KEEP" | "REMOVE" | "FOLLOW_UP" | "SNOOZE", reason: string | null = null): Promise<void> {
  await ownerQuery(
    `WITH v AS (
       INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, reason, "updatedAt")
       SELECT gen_random_uuid()::text, $1, i.id, i.round, $3, $4::"ReviewChoice", $5, now() FROM "ReviewItem" i WHERE i.id = $2
       ON CONFLICT ("itemId", round, "userId") DO UPDATE SET choice = EXCLUDED.choice, reason = EXCLUDED.reason, "updatedAt" = now()
       RETURNING (xmax = 0) AS inserted)
     UPDATE "ReviewItem" SET "voteCount" = "voteCount" + (SELECT count(*) FROM v WHERE inserted) WHERE id = $2`,
    [teamId, itemId, userId, choice, reason],
  );
}

export async function addComment(teamId: string, itemId: string, authorId: string, body: string, mentionedUserIds: string[] = []): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO "ReviewComment" (id, "teamId", "itemId", "authorId", body, "mentionedUserIds") VALUES ($1, $2, $3, $4, $5, $6)`, [id, teamId, itemId, authorId, body, mentionedUserIds]);
  return id;
}

export async function setQueueRules(teamId: string, rules: Record<string, unknown>): Promise<void> {
  await ownerQuery(
    `INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") VALUES ($1, $2, now()) ON CONFLICT ("teamId") DO UPDATE SET rules = EXCLUDED.rules, version = "QueueSettings".version + 1, "updatedAt" = now()`,
    [teamId, JSON.stringify(rules)],
  );
}
