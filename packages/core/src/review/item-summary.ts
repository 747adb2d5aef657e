import { lastQueryRaw, Prisma, type TRawTx } from "@crm/db";
import { FLAG_CODES, FLAG_LABELS, type TFlagCode } from "@crm/scoring";
import { linkedInUrlFor } from "../connections/history";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { choiceCode, kindCode, stateCode } from "./codes";
import { ruleLabel } from "./rule-labels";
import { REVIEW_CHOICE_CODES, type TReviewChoiceCode, type TReviewItemSummary, type TReviewTally, type TReviewVoteView, type TUserRef } from "./types";

// An item as every list, card and write answer shows it. Set-based: one query for any number of
// ids (the items with their connection, account, best score, the current round's votes and the
// team's decide rule), so a page of 200 costs what a page of 1 does.

export type TDecideRule = { adminsDecide: boolean };
export type TReadRules = TDecideRule & { protectedTagIds: string[] };

/** The viewer may decide for the account: its owner, or an admin/owner where the team allows it. */
export function canDecideFor(ctx: Pick<TTeamContext, "userId" | "role">, account: { ownerUserId: string }, rules: TDecideRule): boolean {
  return account.ownerUserId === ctx.userId || (rules.adminsDecide && roleAtLeast(ctx.role, "ADMIN"));
}

/** The team's queue rules as the read side needs them (QueueSettings.rules; absent = defaults). */
export async function loadReadRules(tx: TRawTx, teamId: string): Promise<TReadRules> {
  const [row] = await tx.$queryRaw<Array<{ rules: unknown }>>`SELECT rules FROM "QueueSettings" WHERE "teamId" = ${teamId}`;
  return readRulesOf(row?.rules);
}

/** QueueSettings.rules (JSON, possibly absent or partial) as the read side needs it. */
export function readRulesOf(json: unknown): TReadRules {
  const r = (json && typeof json === "object" ? json : {}) as { adminsDecide?: unknown; protectedTagIds?: unknown };
  return {
    adminsDecide: r.adminsDecide === true,
    protectedTagIds: Array.isArray(r.protectedTagIds) ? r.protectedTagIds.filter((x): x is string => typeof x === "string") : [],
  };
}

export async function loadDecideRule(tx: TRawTx, teamId: string): Promise<TDecideRule> {
  const { adminsDecide } = await loadReadRules(tx, teamId);
  return { adminsDecide };
}

const CHOICE_WORDS: Record<TReviewChoiceCode, string> = { keep: "keep", remove: "remove", follow_up: "follow up", snooze: "snooze" };

/** Counts per choice, "2 say remove, 1 says keep" (most first, ties in choice order), disagreement. */
export function tallyOf(choices: TReviewChoiceCode[]): TReviewTally {
  const counts = { keep: 0, remove: 0, follow_up: 0, snooze: 0 } as Record<TReviewChoiceCode, number>;
  for (const c of choices) counts[c] += 1;
  const present = REVIEW_CHOICE_CODES.filter((c) => counts[c] > 0).sort((a, b) => counts[b] - counts[a]);
  const text = present.map((c) => `${counts[c]} ${counts[c] === 1 ? "says" : "say"} ${CHOICE_WORDS[c]}`).join(", ");
  return { ...counts, disagreement: present.length >= 2, text };
}

const FLAG_ORDER = new Map<string, number>(FLAG_CODES.map((c, i) => [c, i]));
const flagsOf = (codes: string[] | null) =>
  [...new Set(codes ?? [])]
    .sort((a, b) => (FLAG_ORDER.get(a) ?? 99) - (FLAG_ORDER.get(b) ?? 99) || a.localeCompare(b))
    .map((code) => ({ code, label: FLAG_LABELS[code as TFlagCode] ?? code }));

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const userRef = (id: string | null, name: string | null): TUserRef | null => (id ? { id, name: name ?? "Former member" } : null);

const DECIDED = new Set(["APPROVED", "SNOOZED"]);

/** Columns the card needs beyond the summary. */
export type TItemExtra = {
  /** Null for withdraw_invitation items (they are about an invitation, not a connection). */
  connectionId: string | null;
  identityKey: string | null;
  claimedById: string | null;
  claimedByName: string | null;
  claimExpiresAt: Date | null;
};

export type TItemRow = TItemExtra & {
  id: string;
  kind: string;
  state: string;
  version: number;
  round: number;
  origin: string;
  rules: string[] | null;
  ruleDetail: Record<string, unknown> | null;
  reason: string | null;
  decision: string | null;
  decisionReason: string | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  snoozedUntil: Date | null;
  closedReason: string | null;
  executedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  accountId: string;
  accountLabel: string;
  ownerUserId: string;
  ownerName: string | null;
  firstName: string | null;
  lastName: string | null;
  profileUrl: string | null;
  position: string | null;
  company: string | null;
  score: number | null;
  band: string | null;
  flags: string[] | null;
  commentCount: number;
  /** The invitation of a withdraw_invitation item (null columns otherwise). */
  invitationId: string | null;
  invName: string | null;
  invProfileUrl: string | null;
  invSentAt: Date | null;
  invHasMessage: boolean | null;
  invStatus: string | null;
};

type TJsonVote = { userId: string; userName: string | null; choice: string; reason: string | null; snoozeUntil: string | null; at: string };
/** A timestamp(3) inside json_build_object has no zone: it is UTC. */
const jsonTime = (t: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);

export type TVoteRow = { itemId: string; userId: string; userName: string | null; choice: string; reason: string | null; snoozeUntil: Date | null; at: Date };

/**
 * The summary's columns for the given item ids (one row per item of the team). Names are scalar
 * subqueries, not joins: fewer relations to order keeps planning (most of a one-item read) near 1 ms.
 *
 * Every row is found by primary key: the ids drive (unnest), each item and its connection come
 * from a LIMIT 1 lateral on the pkey. No explicit "teamId" conjunct next to a key lookup: right
 * after an import the planner believes the team has one row, and a team filter made it scan the
 * team's 30k items filtering id = ANY, then the team's connections per item (583 ms for 50 ids).
 * The tenant wall is row-level security (withTeam), which scopes every row read here; list and
 * scan queries keep their explicit team filters.
 */
export function itemRowsSql(_teamId: string, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT i.id, i.kind::text AS kind, i.state::text AS state, i.version, i.round, i.origin, i.rules, i."ruleDetail", i.reason,
           i.decision::text AS decision, i."decisionReason", i."decidedById", (SELECT u.name FROM "User" u WHERE u.id = i."decidedById") AS "decidedByName", i."decidedAt",
           i."snoozedUntil", i."closedReason", i."executedAt", i."createdAt", i."updatedAt",
           i."claimedById", (SELECT u.name FROM "User" u WHERE u.id = i."claimedById") AS "claimedByName", i."claimExpiresAt",
           a.id AS "accountId", a.label AS "accountLabel", a."ownerUserId", (SELECT u.name FROM "User" u WHERE u.id = a."ownerUserId") AS "ownerName",
           c.id AS "connectionId", c."identityKey", c."firstName", c."lastName", c."profileUrl", c.position, c.company,
           best.score, best.band, fl.flags,
           (SELECT count(*)::int FROM "ReviewComment" rc WHERE rc."itemId" = i.id) AS "commentCount",
           inv.id AS "invitationId", inv.name AS "invName", inv."profileUrl" AS "invProfileUrl", inv."sentAt" AS "invSentAt",
           (inv.message IS NOT NULL AND btrim(inv.message) <> '') AS "invHasMessage", inv.status::text AS "invStatus"
      FROM unnest(${ids}::text[]) AS k(id)
      CROSS JOIN LATERAL (SELECT * FROM "ReviewItem" r WHERE r.id = k.id LIMIT 1) i
      -- An item is about a connection or (WITHDRAW_INVITATION) an invitation: exactly one of the two
      -- laterals finds a row, and an item whose subject is gone (cascade pending) is left out below.
      LEFT JOIN LATERAL (
        SELECT x.id, x."identityKey", x."firstName", x."lastName", x."profileUrl", x.position, x.company
          FROM "Connection" x WHERE x.id = i."connectionId" LIMIT 1
      ) c ON true
      LEFT JOIN LATERAL (
        SELECT p.id, p.name, p."profileUrl", p."sentAt", p.message, p.status
          FROM "PendingInvitation" p WHERE p.id = i."invitationId" LIMIT 1
      ) inv ON true
      JOIN "LinkedInAccount" a ON a.id = i."accountId"
      LEFT JOIN LATERAL (
        SELECT s.score, s.band FROM "IcpScore" s
         WHERE s."connectionId" = c.id
         ORDER BY s.score DESC, s."icpId" LIMIT 1
      ) best ON true
      LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT f) AS flags FROM "IcpScore" s, unnest(s.flags) f
         WHERE s."connectionId" = c.id
      ) fl ON true
     WHERE c.id IS NOT NULL OR inv.id IS NOT NULL`;
}

/** Summaries plus the card's extra columns, in the order of `itemIds` (unknown ids are left out). */
export async function loadItemRows(
  tx: TRawTx,
  ctx: TTeamContext,
  itemIds: string[],
  rules?: TDecideRule,
  opts: { last?: boolean } = {},
): Promise<Array<{ summary: TReviewItemSummary; extra: TItemExtra }>> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return [];
  // One statement: the rows and their current round's votes (as JSON), so a write's answer costs one round trip.
  // `last`: the transaction's last statement, so COMMIT travels with it (lastQueryRaw).
  const sql = Prisma.sql`
    WITH item AS (${itemRowsSql(ctx.teamId, ids)})
    SELECT item.*, (SELECT q.rules FROM "QueueSettings" q WHERE q."teamId" = ${ctx.teamId}) AS settings,
      (SELECT json_agg(json_build_object('userId', v."userId", 'userName', u.name, 'choice', v.choice, 'reason', v.reason,
                'snoozeUntil', v."snoozeUntil", 'at', v."updatedAt") ORDER BY v."createdAt", v.id)
         FROM "ReviewVote" v LEFT JOIN "User" u ON u.id = v."userId"
        WHERE v."itemId" = item.id AND v.round = item.round) AS votes -- by (itemId, round, userId); RLS scopes
      FROM item`;
  type TRow = TItemRow & { votes: TJsonVote[] | null; settings: unknown };
  const rows = opts.last ? await lastQueryRaw<TRow[]>(tx, sql) : await tx.$queryRaw<TRow[]>(sql);
  if (rows.length === 0) return [];
  const rule = rules ?? readRulesOf(rows[0]!.settings);
  const votesOf = new Map<string, TVoteRow[]>();
  for (const r of rows) {
    votesOf.set(r.id, (r.votes ?? []).map((v) => ({ ...v, itemId: r.id, snoozeUntil: v.snoozeUntil ? jsonTime(v.snoozeUntil) : null, at: jsonTime(v.at) })));
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Array<{ summary: TReviewItemSummary; extra: TItemExtra }> = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    out.push({ summary: toSummary(ctx, r, votesOf.get(id) ?? [], rule), extra: r });
  }
  return out;
}

export function toSummary(ctx: TTeamContext, r: TItemRow, voteRows: TVoteRow[], rule: TDecideRule): TReviewItemSummary {
  const votes: TReviewVoteView[] = voteRows.map((v) => ({
    user: { id: v.userId, name: v.userName ?? "Former member" },
    choice: choiceCode(v.choice),
    reason: v.reason,
    snoozeUntil: iso(v.snoozeUntil),
    at: v.at.toISOString(),
  }));
  const canDecide = canDecideFor(ctx, { ownerUserId: r.ownerUserId }, rule);
  const decided = DECIDED.has(r.state) || (r.state === "DONE" && r.decision !== null);
  const detail = (r.ruleDetail ?? {}) as Record<string, unknown>;
  return {
    id: r.id,
    kind: kindCode(r.kind),
    state: stateCode(r.state),
    version: r.version,
    round: r.round,
    origin: r.origin === "manual" ? "manual" : "rule",
    rules: (r.rules ?? []).map((code) => ({ code, label: ruleLabel(code), detail: typeof detail[code] === "string" ? (detail[code] as string) : null })),
    reason: r.reason,
    decision: r.decision ? choiceCode(r.decision) : null,
    decisionReason: r.decisionReason,
    decidedBy: userRef(r.decidedById, r.decidedByName),
    decidedAt: iso(r.decidedAt),
    snoozedUntil: iso(r.snoozedUntil),
    closedReason: r.closedReason,
    executedAt: iso(r.executedAt),
    account: { id: r.accountId, label: r.accountLabel, owner: { id: r.ownerUserId, name: r.ownerName ?? "Former member" } },
    connection: r.invitationId ? invitee(r) : {
      id: r.connectionId ?? "",
      name: `${r.firstName ?? ""} ${r.lastName ?? ""}`.trim(),
      profileUrl: r.profileUrl,
      linkedInUrl: linkedInUrlFor({ profileUrl: r.profileUrl, firstName: r.firstName ?? "", lastName: r.lastName ?? "", company: r.company }),
      position: r.position,
      company: r.company,
      score: r.score,
      fit: r.band,
      flags: flagsOf(r.flags),
    },
    invitation: r.invitationId ? invitationOf(r) : null,
    votes,
    tally: tallyOf(votes.map((v) => v.choice)),
    myVote: votes.find((v) => v.user.id === ctx.userId)?.choice ?? null,
    commentCount: r.commentCount,
    canDecide,
    canUndo: canDecide && decided && r.executedAt === null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const DAY_MS = 86_400_000;
const INVITATION_STATUS: Record<string, NonNullable<TReviewItemSummary["invitation"]>["status"]> = { PENDING: "pending", ACCEPTED: "accepted", GONE: "gone" };

/** A withdraw item's invitee, told from the invitation (its id is the invitation's): no position, company or score. */
function invitee(r: TItemRow): TReviewItemSummary["connection"] {
  const name = r.invName?.trim() || "Someone";
  return {
    id: r.invitationId!,
    name,
    profileUrl: r.invProfileUrl,
    linkedInUrl: linkedInUrlFor({ profileUrl: r.invProfileUrl, firstName: name, lastName: "", company: null }),
    position: null,
    company: null,
    score: null,
    fit: null,
    flags: [],
  };
}

function invitationOf(r: TItemRow, now = new Date()): NonNullable<TReviewItemSummary["invitation"]> {
  return {
    id: r.invitationId!,
    sentAt: iso(r.invSentAt),
    ageDays: r.invSentAt ? Math.max(0, Math.floor((now.getTime() - r.invSentAt.getTime()) / DAY_MS)) : null,
    hasMessage: r.invHasMessage === true,
    status: INVITATION_STATUS[r.invStatus ?? ""] ?? "pending",
  };
}

/**
 * The items' summaries in the order of `itemIds`, inside the caller's withTeam transaction (ids
 * of another team, or unknown, are left out). A fixed number of queries for any count.
 */
export async function loadItemSummaries(tx: Prisma.TransactionClient, ctx: TTeamContext, itemIds: string[]): Promise<TReviewItemSummary[]> {
  return (await loadItemRows(tx, ctx, itemIds)).map((r) => r.summary);
}
