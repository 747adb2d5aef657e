import { lastQueryRaw, Prisma, type TRawTx } from "@crm/db";
import { connectionDetailOf, HISTORY_LIMIT, type TConnectionDetailSource } from "../connections/detail";
import { toNote } from "../connections/notes";
import type { TTeamContext } from "../teams/membership";
import { historyText } from "./history-text";
import { itemRowsSql, readRulesOf, toSummary, type TItemRow } from "./item-summary";
import type { TReviewCard, TUserRef } from "./types";

// One card in ONE statement, inside the caller's team transaction: the item's summary row, the
// current round's votes, the team's rules, the connection's detail (the drawer's content: row,
// tags, scores, events, notes; mapped by connections/detail.ts so both read the same), comments,
// teammates connected to the same person, and the item's history. An invitation item has no
// connection: those parts come back empty (their subqueries find nothing for a null id). The claim path runs this on
// every card; a statement per part (and Prisma's relation loading) cost more than the SQL itself.

const COMMENTS_MAX = 200;
const HISTORY_MAX = 50;
const TEAMMATES_MAX = 50;
const NOTES_MAX = 200;

type TJsonTime = string; // "2026-12-05T06:21:25.123" (timestamp without time zone, UTC)
type TCardRow = TItemRow & {
  settings: unknown;
  votes: Array<{ userId: string; userName: string | null; choice: string; reason: string | null; snoozeUntil: TJsonTime | null; at: TJsonTime }> | null;
  conn: (Omit<TConnectionDetailSource, "account" | "tags" | "events" | "reviewItems" | "scores" | "connectedOn" | "lastInteractionAt" | "jobChangedAt" | "createdAt"> & {
    accountLabel: string;
    connectedOn: string | null;
    lastInteractionAt: TJsonTime | null;
    jobChangedAt: TJsonTime | null;
    createdAt: TJsonTime;
  }) | null;
  tags: Array<{ id: string; name: string; color: string; nameKey: string }> | null;
  events: Array<{ id: string; kind: string; createdAt: TJsonTime; data: unknown }> | null;
  connReviews: Array<{ id: string; kind: string; state: string; reason: string | null; updatedAt: TJsonTime }> | null;
  scores: Array<{ icpId: string; score: number; band: string; reasons: unknown; flags: string[]; icpName: string; icpCreatedAt: TJsonTime }> | null;
  notes: Array<{ id: string; connectionId: string; body: string; authorId: string | null; authorName: string | null; createdAt: TJsonTime; updatedAt: TJsonTime; editedAt: TJsonTime | null }> | null;
  comments: Array<{ id: string; authorId: string | null; authorName: string | null; body: string; mentions: TUserRef[] | null; createdAt: TJsonTime }> | null;
  teammates: Array<{ connectionId: string; accountId: string; accountLabel: string; ownerId: string; ownerName: string | null; lastInteractionAt: TJsonTime | null; messageCount: number }> | null;
  history: Array<{ at: TJsonTime; actorId: string | null; actorName: string | null; action: string; metadata: unknown }> | null;
};

const utc = (t: TJsonTime) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
const utcOrNull = (t: TJsonTime | null) => (t ? utc(t) : null);
const isoOrNull = (t: TJsonTime | null) => (t ? utc(t).toISOString() : null);

// Lookups by a connection's or item's key carry no explicit "teamId" conjunct (conn, connReviews,
// scores): on a team whose statistics lag an import, the planner took the team's index for them and
// filtered 30k rows each (236 ms a card). Row-level security (withTeam) is the tenant wall.
function cardSql(teamId: string, itemId: string): Prisma.Sql {
  return Prisma.sql`
    WITH item AS (${itemRowsSql(teamId, [itemId])})
    SELECT item.*,
      (SELECT q.rules FROM "QueueSettings" q WHERE q."teamId" = ${teamId}) AS settings,
      (SELECT json_agg(json_build_object('userId', v."userId", 'userName', u.name, 'choice', v.choice, 'reason', v.reason,
                'snoozeUntil', v."snoozeUntil", 'at', v."updatedAt") ORDER BY v."createdAt", v.id)
         FROM "ReviewVote" v LEFT JOIN "User" u ON u.id = v."userId"
        WHERE v."itemId" = item.id AND v.round = item.round AND v."teamId" = ${teamId}) AS votes,
      (SELECT row_to_json(cc) FROM (
          SELECT c.id, c."accountId", a.label AS "accountLabel", c."firstName", c."lastName", c.email, c."profileUrl", c.position, c.company,
                 c.seniority, c.function, c."connectedOn", c."lastInteractionAt", c."messageCount", c."endorsedMe", c."endorsementCount",
                 c."recommendedMe", c.status, c."jobChangedAt", c."createdAt"
            FROM (SELECT * FROM "Connection" x WHERE x.id = item."connectionId" LIMIT 1) c JOIN "LinkedInAccount" a ON a.id = c."accountId") cc) AS conn,
      (SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color, 'nameKey', t."nameKey"))
         FROM "ConnectionTag" ct JOIN "Tag" t ON t.id = ct."tagId"
        WHERE ct."teamId" = ${teamId} AND ct."connectionId" = item."connectionId") AS tags,
      (SELECT json_agg(e) FROM (
          SELECT id, kind, "createdAt", data FROM "ConnectionEvent"
           WHERE "teamId" = ${teamId} AND "connectionId" = item."connectionId"
           ORDER BY "createdAt" DESC LIMIT ${HISTORY_LIMIT}) e) AS events,
      (SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'state', r.state, 'reason', r.reason, 'updatedAt', r."updatedAt"))
         FROM "ReviewItem" r WHERE r."connectionId" = item."connectionId") AS "connReviews",
      (SELECT json_agg(json_build_object('icpId', s."icpId", 'score', s.score, 'band', s.band, 'reasons', s.reasons, 'flags', s.flags,
                'icpName', p.name, 'icpCreatedAt', p."createdAt"))
         FROM (SELECT * FROM "IcpScore" x WHERE x."connectionId" = item."connectionId" LIMIT 100) s JOIN "Icp" p ON p.id = s."icpId") AS scores,
      (SELECT json_agg(n) FROM (
          SELECT n.id, n."connectionId", n.body, n."authorId", nu.name AS "authorName", n."createdAt", n."updatedAt", n."editedAt"
            FROM "Note" n LEFT JOIN "User" nu ON nu.id = n."authorId"
           WHERE n."teamId" = ${teamId} AND n."connectionId" = item."connectionId"
           ORDER BY n."createdAt" DESC, n.id LIMIT ${NOTES_MAX}) n) AS notes,
      (SELECT json_agg(json_build_object('id', rc.id, 'authorId', rc."authorId", 'authorName', au.name, 'body', rc.body, 'createdAt', rc."createdAt",
                'mentions', (SELECT json_agg(json_build_object('id', mu.id, 'name', mu.name) ORDER BY mu.name)
                               FROM "Membership" mm JOIN "User" mu ON mu.id = mm."userId"
                              WHERE mm."teamId" = rc."teamId" AND mm."userId" = ANY(rc."mentionedUserIds")))
              ORDER BY rc."createdAt", rc.id)
         FROM (SELECT * FROM "ReviewComment" WHERE "teamId" = ${teamId} AND "itemId" = item.id
                ORDER BY "createdAt" DESC, id DESC LIMIT ${COMMENTS_MAX}) rc
         LEFT JOIN "User" au ON au.id = rc."authorId") AS comments,
      (SELECT json_agg(json_build_object('connectionId', t.id, 'accountId', t."accountId", 'accountLabel', t.label, 'ownerId', t."ownerUserId",
                'ownerName', t.name, 'messageCount', t."messageCount", 'lastInteractionAt', t."lastInteractionAt") ORDER BY t.label)
         FROM (SELECT c2.id, c2."accountId", a.label, a."ownerUserId", u.name, c2."messageCount", c2."lastInteractionAt"
                 FROM "Connection" c2
                 JOIN "LinkedInAccount" a ON a.id = c2."accountId"
                 LEFT JOIN "User" u ON u.id = a."ownerUserId"
                WHERE c2."teamId" = ${teamId} AND c2."identityKey" = item."identityKey"
                  AND c2."accountId" <> item."accountId" AND c2.status = 'CONNECTED'
                ORDER BY a.label LIMIT ${TEAMMATES_MAX}) t) AS teammates,
      (SELECT json_agg(json_build_object('at', h."createdAt", 'actorId', h."actorUserId", 'actorName', hu.name, 'action', h.action, 'metadata', h.metadata)
              ORDER BY h."createdAt" DESC, h.id DESC)
         FROM (SELECT a.* FROM
                 -- the item's own rows, and those of bulk actions (audited per batch) that changed it
                 unnest(item.id || ARRAY(SELECT DISTINCT ch."batchId" FROM "ReviewChange" ch
                                          WHERE ch."teamId" = ${teamId} AND ch."itemId" = item.id LIMIT ${HISTORY_MAX})) AS tg(id)
                 -- one (teamId, targetId, createdAt) index walk per target: as "targetId" = ANY(...)
                 -- the generic plan read every audit row of the team (8,270: 3.6 ms a card, growing)
                 CROSS JOIN LATERAL (SELECT * FROM "AuditLog" x WHERE x."teamId" = ${teamId} AND x."targetId" = tg.id
                                      ORDER BY x."createdAt" DESC, x.id DESC LIMIT ${HISTORY_MAX}) a
                ORDER BY a."createdAt" DESC, a.id DESC LIMIT ${HISTORY_MAX}) h
         LEFT JOIN "User" hu ON hu.id = h."actorUserId") AS history
    FROM item`;
}

/** `last`: the transaction's last statement (COMMIT travels with it: lastQueryRaw); the mapping below then runs after the commit. */
export async function loadCard(tx: TRawTx, ctx: TTeamContext, itemId: string, opts: { last?: boolean } = {}): Promise<TReviewCard | null> {
  const sql = cardSql(ctx.teamId, itemId);
  const [x] = opts.last ? await lastQueryRaw<TCardRow[]>(tx, sql) : await tx.$queryRaw<TCardRow[]>(sql);
  if (!x || (!x.conn && !x.invitationId)) return null;
  const rules = readRulesOf(x.settings);
  const summary = toSummary(
    ctx,
    x,
    (x.votes ?? []).map((v) => ({ ...v, itemId: x.id, snoozeUntil: utcOrNull(v.snoozeUntil), at: utc(v.at) })),
    rules,
  );
  const c = x.conn;
  // A withdraw_invitation item is about an invitation: no connection detail, teammates or loss;
  // the summary's `invitation` carries what the card shows instead.
  const detail = !c ? null : connectionDetailOf(
    {
      ...c,
      connectedOn: c.connectedOn ? new Date(`${c.connectedOn.slice(0, 10)}T00:00:00Z`) : null,
      lastInteractionAt: utcOrNull(c.lastInteractionAt),
      jobChangedAt: utcOrNull(c.jobChangedAt),
      createdAt: utc(c.createdAt),
      account: { label: c.accountLabel },
      tags: (x.tags ?? []).map((tag) => ({ tag })),
      events: (x.events ?? []).map((e) => ({ ...e, createdAt: utc(e.createdAt) })),
      reviewItems: (x.connReviews ?? []).map((r) => ({ ...r, updatedAt: utc(r.updatedAt) })),
      scores: (x.scores ?? []).map((s) => ({ ...s, icp: { name: s.icpName, createdAt: utc(s.icpCreatedAt) } })),
    },
    (x.notes ?? []).map((n) =>
      toNote(ctx, { ...n, createdAt: utc(n.createdAt), updatedAt: utc(n.updatedAt), editedAt: utcOrNull(n.editedAt), author: n.authorName === null ? null : { name: n.authorName } }),
    ),
  );
  const protectedIds = new Set(rules.protectedTagIds);
  const protectedLoss = !detail ? [] : [
    ...(detail.endorsedMe ? [detail.endorsementCount > 0 ? `Endorsed you (${detail.endorsementCount} endorsement${detail.endorsementCount === 1 ? "" : "s"})` : "Endorsed you"] : []),
    ...(detail.recommendedMe ? ["Recommended you"] : []),
    ...detail.tags.filter((t) => protectedIds.has(t.id)).map((t) => `Tagged “${t.name}” (protected)`),
  ];
  const claimLive = x.claimedById && x.claimExpiresAt && x.claimExpiresAt.getTime() > Date.now();
  return {
    ...summary,
    detail,
    comments: (x.comments ?? []).map((m) => ({
      id: m.id,
      author: m.authorId ? { id: m.authorId, name: m.authorName ?? "Former member" } : null,
      body: m.body,
      mentions: m.mentions ?? [],
      createdAt: utc(m.createdAt).toISOString(),
    })),
    teammatesConnected: (x.teammates ?? []).map((t) => ({
      accountId: t.accountId,
      accountLabel: t.accountLabel,
      owner: { id: t.ownerId, name: t.ownerName ?? "Former member" },
      connectionId: t.connectionId,
      lastInteractionAt: isoOrNull(t.lastInteractionAt),
      messageCount: t.messageCount,
    })),
    protectedLoss,
    history: (x.history ?? []).map((h) => ({
      at: utc(h.at).toISOString(),
      actor: h.actorId ? { id: h.actorId, name: h.actorName ?? "Former member" } : null,
      action: h.action,
      text: historyText(h.action, h.metadata, x.kind),
    })),
    claim: claimLive ? { user: { id: x.claimedById!, name: x.claimedByName ?? "Former member" }, expiresAt: x.claimExpiresAt!.toISOString() } : null,
  };
}
