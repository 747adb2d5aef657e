import { Prisma, withTeam, type TTx } from "@crm/db";
import { notFound } from "../errors";
import { linkedInProfileUrl, peopleSearchUrl } from "../removals/guided-link";
import type { TTeamContext } from "../teams/membership";
import { DAY_MS, INCOMING_SCORE_CAP, LIST_LIMITS, REINVITE_BLOCK_DAYS } from "./constants";
import { fitRank, scoreIncoming, type TIncomingFit } from "./incoming-fit";
import { decodeCursor, encodeCursor, parseInvitationListInput, type TInvitationListInput, type TInvitationListQuery } from "./list-input";
import { loadInvitationSummary, recentlyAnsweredIncoming, reinvitedEarly } from "./summary";
import type { TInvitationList, TInvitationListRow, TInvitationResponse, TInvitationStatusCode } from "./types";
import { withdrawAfterDaysOf } from "./withdraw-after";

// One account's invitations for the invitations page and GET /api/v1/accounts/{id}/invitations
// (docs/decisions/0013). Outgoing and withdrawn views page in SQL; incoming ones are few, so they
// are read whole (at most INCOMING_SCORE_CAP), scored against the ICPs, then filtered, sorted and
// paged here. Message text never leaves in a list, except a short excerpt of what an inviter
// wrote to us.

const EXCERPT = 160;

type TDbRow = {
  id: string;
  name: string;
  profileUrl: string | null;
  identityKey: string | null;
  sentAt: Date | null;
  hasMessage: boolean;
  message: string | null;
  status: "PENDING" | "ACCEPTED" | "GONE";
  statusChangedAt: Date | null;
  withdrawnAt: Date | null;
  reinvitedEarly: boolean;
  response: string | null;
  respondedAt: Date | null;
  itemId: string | null;
  itemState: string | null;
  itemDecision: string | null;
};

export async function listAccountInvitations(ctx: TTeamContext, accountId: string, input: TInvitationListInput = {}, now = new Date()): Promise<TInvitationList> {
  const q = parseInvitationListInput(input);
  return withTeam(ctx.teamId, async (tx) => {
    const account = await tx.linkedInAccount.findFirst({ where: { id: accountId, teamId: ctx.teamId }, select: { id: true } });
    if (!account) throw notFound("This LinkedIn account");
    const settings = await tx.queueSettings.findUnique({ where: { teamId: ctx.teamId }, select: { rules: true } });
    const summary = await loadInvitationSummary(tx, ctx.teamId, account.id, withdrawAfterDaysOf(settings?.rules), now);
    const order = orderOf(q);
    const offset = q.cursor !== undefined ? decodeCursor(q.cursor) : ((q.page ?? 1) - 1) * q.limit;
    const base = { accountId: account.id, direction: q.direction, view: q.view, limit: q.limit, sort: order.sort, dir: order.dir, summary };
    if (q.direction === "incoming") {
      const { rows, total, truncated } = await incoming(tx, ctx.teamId, account.id, q, order, offset, now);
      return { ...base, ...paging(total, offset, q.limit), rows, total, truncated };
    }
    const where = outgoingWhere(ctx.teamId, account.id, q, now);
    const [counted] = await tx.$queryRaw<Array<{ total: number }>>(Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM "PendingInvitation" p WHERE ${where} LIMIT ${LIST_LIMITS.maxOffset + LIST_LIMITS.max}) n`);
    const total = counted?.total ?? 0;
    const rows = await tx.$queryRaw<TDbRow[]>(Prisma.sql`${SELECT} WHERE ${where} ORDER BY ${outgoingOrder(q, order)} LIMIT ${q.limit} OFFSET ${offset}`);
    return { ...base, ...paging(total, offset, q.limit), rows: rows.map((r) => toRow(r, null, now, false)), total, truncated: false };
  }, { interactive: true });
}

function paging(total: number, offset: number, limit: number) {
  const next = offset + limit;
  return { page: Math.floor(offset / limit) + 1, pages: Math.max(1, Math.ceil(total / limit)), nextCursor: next < total && next <= LIST_LIMITS.maxOffset ? encodeCursor(next) : null };
}

type TOrder = { sort: "age" | "name" | "fit"; dir: "asc" | "desc" };

/** Defaults: outgoing oldest first (age, descending), incoming best fit first, names A–Z. */
function orderOf(q: TInvitationListQuery): TOrder {
  const sort = q.sort ?? (q.direction === "incoming" ? "fit" : "age");
  return { sort, dir: q.dir ?? (sort === "name" ? "asc" : "desc") };
}

const SELECT = Prisma.sql`
  SELECT p.id, p.name, p."profileUrl", p."identityKey", p."sentAt",
         coalesce(btrim(p.message), '') <> '' AS "hasMessage",
         CASE WHEN p.direction = 'INCOMING' THEN left(p.message, 2000) END AS message,
         p.status::text AS status, p."statusChangedAt", p."withdrawnAt", ${reinvitedEarly} AS "reinvitedEarly",
         p.response, p."respondedAt",
         ri.id AS "itemId", ri.state::text AS "itemState", ri.decision::text AS "itemDecision"
    FROM "PendingInvitation" p
    LEFT JOIN "ReviewItem" ri ON ri."teamId" = p."teamId" AND ri."invitationId" = p.id`;

function commonFilters(q: TInvitationListQuery, now: Date): Prisma.Sql[] {
  const f: Prisma.Sql[] = [];
  if (q.olderThanDays !== undefined) f.push(Prisma.sql`p."sentAt" < ${new Date(now.getTime() - q.olderThanDays * DAY_MS)}`);
  if (q.message === "with") f.push(Prisma.sql`coalesce(btrim(p.message), '') <> ''`);
  if (q.message === "without") f.push(Prisma.sql`coalesce(btrim(p.message), '') = ''`);
  return f;
}

function outgoingWhere(teamId: string, accountId: string, q: TInvitationListQuery, now: Date): Prisma.Sql {
  const block = new Date(now.getTime() - REINVITE_BLOCK_DAYS * DAY_MS);
  const view =
    q.view === "withdrawn"
      ? Prisma.sql`p."withdrawnAt" IS NOT NULL AND (p."withdrawnAt" >= ${block} OR ${reinvitedEarly})`
      : Prisma.sql`p.status = 'PENDING'`;
  return Prisma.join([Prisma.sql`p."teamId" = ${teamId} AND p."accountId" = ${accountId} AND p.direction = 'OUTGOING'`, view, ...commonFilters(q, now)], " AND ");
}

function outgoingOrder(q: TInvitationListQuery, o: TOrder): Prisma.Sql {
  if (o.sort === "name") return o.dir === "asc" ? Prisma.sql`lower(p.name), p.id` : Prisma.sql`lower(p.name) DESC, p.id`;
  // The withdrawn view's "age" is the withdrawal's: most recent first by default.
  if (q.view === "withdrawn") return o.dir === "desc" ? Prisma.sql`p."withdrawnAt" DESC, p.id` : Prisma.sql`p."withdrawnAt", p.id`;
  // Age descending = oldest invitation first; an unknown date goes last either way.
  return o.dir === "desc" ? Prisma.sql`p."sentAt" ASC NULLS LAST, p.id` : Prisma.sql`p."sentAt" DESC NULLS LAST, p.id`;
}

async function incoming(tx: TTx, teamId: string, accountId: string, q: TInvitationListQuery, o: TOrder, offset: number, now: Date) {
  const recent = new Date(now.getTime() - REINVITE_BLOCK_DAYS * DAY_MS);
  // Open ones, plus those the owner answered that an export resolved lately (to show the
  // verification): the summary's incomingOpen + incomingRecentlyAnswered, by the same condition.
  const where = Prisma.join(
    [
      Prisma.sql`p."teamId" = ${teamId} AND p."accountId" = ${accountId} AND p.direction = 'INCOMING'`,
      Prisma.sql`(p.status = 'PENDING' OR ${recentlyAnsweredIncoming(recent)})`,
      ...commonFilters(q, now),
    ],
    " AND ",
  );
  const read = await tx.$queryRaw<TDbRow[]>(Prisma.sql`${SELECT} WHERE ${where} ORDER BY p."sentAt" DESC NULLS LAST, p.id LIMIT ${INCOMING_SCORE_CAP + 1}`);
  const truncated = read.length > INCOMING_SCORE_CAP;
  const list = read.slice(0, INCOMING_SCORE_CAP);
  const fits = await scoreIncoming(tx, teamId, accountId, list, now);
  let rows = list.map((r) => toRow(r, fits.get(r.id) ?? null, now, true));
  if (q.fit) rows = rows.filter((r) => r.fit?.band === q.fit);
  const sign = o.dir === "asc" ? 1 : -1;
  const byName = (a: TInvitationListRow, b: TInvitationListRow) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });
  const byAge = (a: TInvitationListRow, b: TInvitationListRow) => (a.ageDays ?? -1) - (b.ageDays ?? -1);
  const byFit = (a: TInvitationListRow, b: TInvitationListRow) => fitRank(a.fit?.band ?? "none") - fitRank(b.fit?.band ?? "none") || (a.fit?.score ?? 0) - (b.fit?.score ?? 0);
  const primary = o.sort === "name" ? byName : o.sort === "fit" ? byFit : byAge;
  rows.sort((a, b) => sign * primary(a, b) || byAge(a, b) * -1 || a.id.localeCompare(b.id));
  return { rows: rows.slice(offset, offset + q.limit), total: rows.length, truncated };
}

function toRow(r: TDbRow, fit: TIncomingFit | null, now: Date, isIncoming: boolean): TInvitationListRow {
  const profile = linkedInProfileUrl(r.profileUrl);
  const [first, ...rest] = r.name.trim().split(/\s+/);
  const message = isIncoming ? r.message?.replace(/\s+/g, " ").trim() || null : null;
  return {
    id: r.id,
    name: r.name,
    profileUrl: profile,
    linkedInUrl: profile ?? peopleSearchUrl({ firstName: first ?? "", lastName: rest.join(" "), company: null }),
    linkedInKind: profile ? "profile" : "search",
    sentAt: r.sentAt,
    ageDays: r.sentAt ? Math.max(0, Math.floor((now.getTime() - r.sentAt.getTime()) / DAY_MS)) : null,
    hasMessage: r.hasMessage,
    messageExcerpt: message ? (message.length > EXCERPT ? `${message.slice(0, EXCERPT - 1)}…` : message) : null,
    status: r.status.toLowerCase() as TInvitationStatusCode,
    withdrawnAt: r.withdrawnAt,
    reinviteAfter: r.withdrawnAt ? new Date(r.withdrawnAt.getTime() + REINVITE_BLOCK_DAYS * DAY_MS) : null,
    reinvitedEarly: r.reinvitedEarly,
    withdrawItem: r.itemId ? { itemId: r.itemId, state: (r.itemState ?? "").toLowerCase(), decision: r.itemDecision?.toLowerCase() ?? null } : null,
    fit: isIncoming ? fit : null,
    response: responseOf(r),
  };
}

function responseOf(r: TDbRow): TInvitationResponse | null {
  if (r.response !== "accepted" && r.response !== "ignored") return null;
  if (r.response === "ignored") return { value: "ignored", at: r.respondedAt, state: "ignored", verifiedOn: null };
  const verified = r.status === "ACCEPTED";
  return { value: "accepted", at: r.respondedAt, state: verified ? "verified" : "waiting", verifiedOn: verified ? r.statusChangedAt : null };
}
