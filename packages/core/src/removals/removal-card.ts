import type { TTx } from "@crm/db";
import { choiceCode } from "../review/codes";
import { readRulesOf } from "../review/item-summary";
import { protections, type TQueueCandidate, type TQueueRules } from "../review/queue-rules";
import { ruleLabel } from "../review/rule-labels";
import { guidedLink } from "./guided-link";
import { localDateOf } from "./local-day";
import type { TRemovalCard, TScoreReason } from "./types";

// The session's one card, in ONE statement inside the caller's team transaction: the item, its
// person, the decision, the current round's votes, every ICP's score with its reasons, the
// person's tags, and the teammates connected to the same person. Like the review card
// (review/review-card.ts), lookups by key carry no explicit "teamId" conjunct: row-level security
// scopes them, and a team filter next to a key lookup made the planner scan the team's rows when
// its statistics lagged an import. Only the teammates probe is a team-wide index lookup
// ("Connection" (teamId, identityKey)).

const VOTES_MAX = 100;
const SCORES_MAX = 100;
const TAGS_MAX = 200;
const TEAMMATES_MAX = 20;
const TEAMMATES_NAMED = 3;

type TJsonTime = string; // timestamp(3) inside json: no zone, UTC

type TCardRow = {
  id: string;
  planRank: number | null;
  origin: string;
  rules: string[] | null;
  ruleDetail: Record<string, unknown> | null;
  reason: string | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  addedByName: string | null;
  retryNote: string | null;
  connectionId: string;
  firstName: string;
  lastName: string;
  position: string | null;
  company: string | null;
  profileUrl: string | null;
  connectedOn: string | null;
  lastInteractionAt: Date | null;
  messageCount: number;
  endorsedMe: boolean;
  endorsementCount: number;
  recommendedMe: boolean;
  settings: unknown;
  votes: Array<{ userId: string; userName: string | null; choice: string; reason: string | null }> | null;
  scores: Array<{ icpId: string; icpName: string; icpCreatedAt: TJsonTime; score: number; band: string; reasons: unknown }> | null;
  tags: Array<{ id: string; name: string }> | null;
  teammates: Array<{ ownerId: string; ownerName: string | null; accountLabel: string }> | null;
};

const utc = (t: TJsonTime) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);

/** The card of `itemId` for the account's owner (`viewerId`), or null when the item is not visible. */
export async function loadRemovalCard(tx: TTx, teamId: string, itemId: string, viewerId: string, timeZone: string): Promise<TRemovalCard | null> {
  const [row] = await tx.$queryRaw<TCardRow[]>`
    SELECT i.id, i."planRank", i.origin, i.rules, i."ruleDetail", i.reason,
           i."decidedById", (SELECT u.name FROM "User" u WHERE u.id = i."decidedById") AS "decidedByName", i."decidedAt", i."decisionReason",
           (SELECT u.name FROM "User" u WHERE u.id = i."addedById") AS "addedByName", i."retryNote",
           c.id AS "connectionId", c."firstName", c."lastName", c.position, c.company, c."profileUrl",
           to_char(c."connectedOn", 'YYYY-MM-DD') AS "connectedOn", c."lastInteractionAt", c."messageCount",
           c."endorsedMe", c."endorsementCount", c."recommendedMe",
           (SELECT q.rules FROM "QueueSettings" q WHERE q."teamId" = ${teamId}) AS settings,
           (SELECT json_agg(json_build_object('userId', v."userId", 'userName', u.name, 'choice', v.choice, 'reason', v.reason) ORDER BY v."createdAt", v.id)
              FROM (SELECT * FROM "ReviewVote" x WHERE x."itemId" = i.id AND x.round = i.round ORDER BY x."createdAt", x.id LIMIT ${VOTES_MAX}) v
              LEFT JOIN "User" u ON u.id = v."userId") AS votes,
           (SELECT json_agg(json_build_object('icpId', s."icpId", 'icpName', p.name, 'icpCreatedAt', p."createdAt", 'score', s.score, 'band', s.band, 'reasons', s.reasons))
              FROM (SELECT * FROM "IcpScore" x WHERE x."connectionId" = c.id LIMIT ${SCORES_MAX}) s JOIN "Icp" p ON p.id = s."icpId") AS scores,
           (SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t."nameKey")
              FROM (SELECT * FROM "ConnectionTag" x WHERE x."teamId" = ${teamId} AND x."connectionId" = c.id LIMIT ${TAGS_MAX}) ct
              JOIN "Tag" t ON t.id = ct."tagId") AS tags,
           (SELECT json_agg(json_build_object('ownerId', m."ownerUserId", 'ownerName', m.name, 'accountLabel', m.label) ORDER BY m.label)
              FROM (SELECT a."ownerUserId", u.name, a.label
                      FROM "Connection" c2
                      JOIN "LinkedInAccount" a ON a.id = c2."accountId"
                      LEFT JOIN "User" u ON u.id = a."ownerUserId"
                     WHERE c2."teamId" = ${teamId} AND c2."identityKey" = c."identityKey"
                       AND c2."accountId" <> c."accountId" AND c2.status = 'CONNECTED'
                     ORDER BY a.label LIMIT ${TEAMMATES_MAX}) m) AS teammates
      FROM (SELECT * FROM "ReviewItem" r WHERE r.id = ${itemId} LIMIT 1) i
      CROSS JOIN LATERAL (SELECT * FROM "Connection" x WHERE x.id = i."connectionId" LIMIT 1) c`;
  return row ? toRemovalCard(row, viewerId, timeZone) : null;
}

function toRemovalCard(r: TCardRow, viewerId: string, timeZone: string): TRemovalCard {
  return {
    itemId: r.id,
    planRank: r.planRank,
    person: {
      connectionId: r.connectionId,
      name: `${r.firstName} ${r.lastName}`.trim(),
      position: r.position,
      company: r.company,
      connectedOn: r.connectedOn,
      lastInteractionAt: r.lastInteractionAt ? r.lastInteractionAt.toISOString() : null,
      messageCount: r.messageCount,
    },
    link: guidedLink(r),
    why: {
      decidedBy: r.decidedById ? { id: r.decidedById, name: r.decidedByName ?? "Former member" } : null,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionReason: r.decisionReason,
      rules: ruleSentences(r),
      votes: (r.votes ?? []).map((v) => ({ user: { id: v.userId, name: v.userName ?? "Former member" }, choice: choiceCode(v.choice), reason: v.reason })),
      scores: scoreReasons(r.scores ?? []),
    },
    loses: losses(r, timeZone),
    reach: reachText(r.teammates ?? [], viewerId),
    retryNote: r.retryNote,
  };
}

/** The rules' labels with the sentence the queue build wrote ("Stale: … : No message, connected 2019-03"), as the review card shows them. */
function ruleSentences(r: TCardRow): string[] {
  const detail = r.ruleDetail ?? {};
  const out: string[] = [];
  if (r.origin === "manual") out.push(`Proposed by ${r.addedByName ?? "a teammate"}${r.reason ? `: ${r.reason}` : ""}`);
  for (const code of r.rules ?? []) {
    if (code === "manual") continue; // said above, with the name
    const d = detail[code];
    out.push(typeof d === "string" && d.trim() ? `${ruleLabel(code)}: ${d}` : ruleLabel(code));
  }
  return out;
}

/**
 * Every ICP's score, in the order the connection drawer lists them (oldest ICP first). A reason's
 * text already starts with its points ("+33 title matches …"), as connections/detail.ts reads it;
 * a reasons value of another shape (an older scorer) is skipped rather than failing the card.
 */
export function scoreReasons(scores: NonNullable<TCardRow["scores"]>): TScoreReason[] {
  return [...scores]
    .sort((a, b) => utc(a.icpCreatedAt).getTime() - utc(b.icpCreatedAt).getTime() || a.icpId.localeCompare(b.icpId))
    .map((s) => ({
      icpName: s.icpName,
      score: s.score,
      band: s.band,
      reasons: Array.isArray(s.reasons)
        ? s.reasons.flatMap((x) => (x && typeof x === "object" && typeof (x as { text?: unknown }).text === "string" ? [(x as { text: string }).text] : []))
        : [],
    }));
}

/**
 * What removing them loses: what they gave (the queue's own protection wording, queue-rules.ts
 * protections(), without the scorer's flags: the session and the recorder judge "protected now"
 * by endorsedMe, recommendedMe and protected tags alone) and the conversation. Who else reaches
 * them is `reach` (reachText): context, never a loss on its own.
 */
function losses(r: TCardRow, timeZone: string): string[] {
  const rules = readRulesOf(r.settings);
  const candidate: Pick<TQueueCandidate, "endorsedMe" | "endorsementCount" | "recommendedMe" | "tags"> = {
    endorsedMe: r.endorsedMe,
    endorsementCount: r.endorsementCount,
    recommendedMe: r.recommendedMe,
    tags: r.tags ?? [],
  };
  const out = protections(candidate as TQueueCandidate, { protectedTagIds: rules.protectedTagIds } as TQueueRules, new Set());
  const talk = conversationText(r, timeZone);
  if (talk) out.push(talk);
  return out;
}

function reachText(teammates: NonNullable<TCardRow["teammates"]>, viewerId: string): string {
  if (teammates.length === 0) return "Nobody else on the team is connected to them";
  const names: string[] = [];
  for (const t of teammates) {
    const name = t.ownerId === viewerId ? `your “${t.accountLabel}”` : `${t.ownerName ?? "a former member"}'s`;
    if (!names.includes(name)) names.push(name);
  }
  const shown = names.slice(0, TEAMMATES_NAMED);
  const more = names.length - shown.length;
  const list = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0]!;
  return `Still reachable through ${list} network${names.length > 1 ? "s" : ""}`;
}

/** "12 messages, last on 2025-03-02" (the date in the account's zone). */
function conversationText(r: Pick<TCardRow, "messageCount" | "lastInteractionAt">, timeZone: string): string | null {
  const last = r.lastInteractionAt ? localDateOf(r.lastInteractionAt, timeZone) : null;
  if (r.messageCount > 0) return `${r.messageCount.toLocaleString("en")} message${r.messageCount === 1 ? "" : "s"}${last ? `, last on ${last}` : ""}`;
  return last ? `Last interaction on ${last}` : null;
}
