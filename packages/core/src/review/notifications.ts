import { Prisma, withTeam, withTeamRaw } from "@crm/db";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { choiceLabelsFor } from "./choice-input";
import type * as T from "./types";

// The bell: a member's own notifications in this team, newest first, each a sentence and a link
// straight to the card (or, for "items wait for your decision", to the owner's waiting view).

const LIMITS = { default: 30, max: 100 } as const;
const UNREAD_COUNT_CAP = 100;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type TRow = {
  id: string;
  kind: string;
  itemId: string | null;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown> | null;
  createdAt: Date;
  readAt: Date | null;
  waiting: number | null;
};

function encodeCursor(r: { createdAt: Date; id: string }): string {
  return Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");
}

/** True only for the exact form encodeCursor writes: Date.parse takes "1" or "2026-02-30…", which Postgres then refuses (a 500). */
export function isCanonicalIsoTime(at: string): boolean {
  const d = new Date(at);
  return !Number.isNaN(d.getTime()) && d.toISOString() === at;
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor.slice(0, 200), "base64url").toString("utf8").split("|");
  if (!at || !id || !ID.test(id) || !isCanonicalIsoTime(at)) throw invalid("cursor", "This cursor is not valid: start again from the first page.");
  return { at, id };
}

/** "Keep", or for an invitation (data.itemKind withdraw_invitation) "Keep waiting" / "Withdraw". */
const choiceLabel = (c: unknown, kind?: unknown) => {
  const labels = choiceLabelsFor(typeof kind === "string" ? kind : null);
  return typeof c === "string" && c in labels ? labels[c as keyof typeof labels] : String(c ?? "");
};

/** What describeNotification reads of a notification row (the bell's query and the email pass both have it). */
export type TNotificationRow = {
  kind: string;
  itemId: string | null;
  actorName: string | null;
  data: Record<string, unknown> | null;
  /** awaiting_decision only: items still waiting now (the bell counts them live); null elsewhere. */
  waiting?: number | null;
};

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const drawerHref = (slug: string, connectionId: string) => `/t/${slug}/connections?open=${encodeURIComponent(connectionId)}`;

function jobChangePeople(d: Record<string, unknown>): Array<{ connectionId: string; name: string }> {
  if (!Array.isArray(d.people)) return [];
  return d.people.flatMap((p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    const id = str(o.connectionId);
    return id ? [{ connectionId: id, name: str(o.name) ?? "Someone" }] : [];
  });
}

function textOf(r: TNotificationRow): string {
  const actor = r.actorName ?? "Someone";
  const d = r.data ?? {};
  const person = typeof d.connectionName === "string" ? d.connectionName : "a connection";
  switch (r.kind) {
    case "mention":
      return `${actor} mentioned you on ${person}`;
    case "decided":
      if (typeof d.count === "number") return `${actor} decided ${choiceLabel(d.choice)} on ${d.count.toLocaleString("en")} items you voted on`;
      if (d.itemKind === "withdraw_invitation") return `${actor} decided ${choiceLabel(d.choice, d.itemKind)} on the invitation to ${person}${d.voted ? ` — you voted ${choiceLabel(d.voted, d.itemKind)}` : ""}`;
      return `${actor} decided ${choiceLabel(d.choice)} on ${person}${d.voted ? ` — you voted ${choiceLabel(d.voted)}` : ""}`;
    case "awaiting_decision": {
      const n = r.waiting ?? 0;
      const label = typeof d.accountLabel === "string" ? d.accountLabel : "your network";
      const count = n >= UNREAD_COUNT_CAP * 10 ? `${(n - 1).toLocaleString("en")}+` : n.toLocaleString("en");
      return n === 0 ? `No items wait for your decision on ${label} any more` : `${count} ${n === 1 ? "item waits" : "items wait"} for your decision on ${label}`;
    }
    case "removal.planned": {
      const n = typeof d.planned === "number" ? d.planned : 0;
      const label = typeof d.accountLabel === "string" ? d.accountLabel : "your network";
      return `Today: ${n.toLocaleString("en")} ${n === 1 ? "removal" : "removals"} planned for ${label}`;
    }
    case "reminder_due": {
      const count = num(d.count);
      if (count !== null) return `${count.toLocaleString("en")} reminders are due`;
      const note = str(d.note);
      const clipped = note && note.length > 80 ? `${note.slice(0, 79)}…` : note;
      if (d.kind === "CADENCE") return `Keep in touch with ${person}${str(d.tagName) ? ` (${str(d.tagName)})` : ""}: no message for a while`;
      return `Reminder: follow up with ${person}${clipped ? ` — ${clipped}` : ""}`;
    }
    case "job_change": {
      const people = jobChangePeople(d);
      const n = num(d.count) ?? people.length;
      const label = str(d.accountLabel) ?? "your network";
      if (n === 1 && people[0]) return `${people[0].name} changed jobs (${label})`;
      const named = people.slice(0, 2).map((p) => p.name);
      const others = n - named.length;
      return named.length === 0
        ? `${n.toLocaleString("en")} people changed jobs (${label})`
        : `${named.join(", ")}${others > 0 ? ` and ${others.toLocaleString("en")} ${others === 1 ? "other" : "others"}` : ""} changed jobs (${label})`;
    }
    default:
      return "Something changed in the review queue";
  }
}

const DECIDED_VIEW: Record<string, T.TQueueView> = { remove: "approved", keep: "done", follow_up: "done", snooze: "snoozed" };

function hrefOf(slug: string, r: TNotificationRow): string {
  if (r.kind === "removal.planned") {
    const account = typeof r.data?.accountId === "string" ? r.data.accountId : "";
    return account ? `/t/${slug}/removals/${encodeURIComponent(account)}` : `/t/${slug}/removals`;
  }
  if (r.kind === "reminder_due") {
    const connectionId = str(r.data?.connectionId);
    return connectionId && num(r.data?.count) === null ? drawerHref(slug, connectionId) : `/t/${slug}/reminders`;
  }
  if (r.kind === "job_change") {
    const people = jobChangePeople(r.data ?? {});
    const n = num(r.data?.count) ?? people.length;
    if (n === 1 && people[0]) return drawerHref(slug, people[0].connectionId);
    const account = str(r.data?.accountId);
    return `/t/${slug}/connections?${account ? `account=${encodeURIComponent(account)}&` : ""}jobChanged=yes`;
  }
  const base = `/t/${slug}/queue`;
  if (r.kind === "awaiting_decision") {
    const account = typeof r.data?.accountId === "string" ? r.data.accountId : "";
    return `${base}?account=${encodeURIComponent(account)}&view=waiting_for_owner`;
  }
  if (r.kind === "decided" && !r.itemId) {
    // A bulk decision: the view its items went to, on their account when they share one.
    const view = DECIDED_VIEW[typeof r.data?.choice === "string" ? r.data.choice : ""] ?? "done";
    const account = typeof r.data?.accountId === "string" ? `account=${encodeURIComponent(r.data.accountId)}&` : "";
    return `${base}?${account}view=${view}`;
  }
  return r.itemId ? `${base}/items/${r.itemId}` : base;
}

/**
 * The sentence and the in-app link (relative, starting /t/<slug>/) of one notification: the bell
 * shows them, the notification emails reuse them (prefixing APP_URL). Pure.
 */
export function describeNotification(slug: string, row: TNotificationRow): { text: string; href: string } {
  return { text: textOf(row), href: hrefOf(slug, row) };
}

export async function listNotifications(ctx: TTeamContext, input: { cursor?: string; limit?: number; unreadOnly?: boolean }): Promise<{ items: T.TNotificationView[]; nextCursor: string | null }> {
  const limit = input.limit ?? LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.max) throw invalid("limit", `The limit is a whole number from 1 to ${LIMITS.max}.`);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const keyset = after ? Prisma.sql`AND (n."createdAt", n.id) < (${after.at}::timestamptz AT TIME ZONE 'UTC', ${after.id})` : Prisma.empty;
  const unread = input.unreadOnly ? Prisma.sql`AND n."readAt" IS NULL` : Prisma.empty;
  const rows = await withTeam(ctx.teamId, (tx) => tx.$queryRaw<TRow[]>`
    SELECT n.id, n.kind, n."itemId", n."actorId", u.name AS "actorName", n.data, n."createdAt", n."readAt", w.n AS waiting
      FROM "Notification" n
      LEFT JOIN "User" u ON u.id = n."actorId"
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n FROM (
          SELECT 1 FROM "ReviewItem" i
           WHERE n.kind = 'awaiting_decision' AND i."teamId" = n."teamId" AND i."accountId" = n.data->>'accountId'
             AND i.state = 'OPEN' AND i."voteCount" > 0
           LIMIT ${UNREAD_COUNT_CAP * 10}) x
      ) w ON n.kind = 'awaiting_decision'
     WHERE n."teamId" = ${ctx.teamId} AND n."userId" = ${ctx.userId} ${unread} ${keyset}
     ORDER BY n."createdAt" DESC, n.id DESC
     LIMIT ${limit + 1}`, { interactive: true });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind as T.TNotificationKind,
      ...describeNotification(ctx.slug, r),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "Former member" } : null,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** Unread notifications, counted up to 100 (the bell shows "99+" beyond). */
export async function unreadNotificationCount(ctx: TTeamContext): Promise<number> {
  const [row] = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "Notification" WHERE "teamId" = ${ctx.teamId} AND "userId" = ${ctx.userId} AND "readAt" IS NULL LIMIT ${UNREAD_COUNT_CAP}
    ) x`, { interactive: true });
  return row?.n ?? 0;
}

export async function markNotificationsRead(ctx: TTeamContext, input: { ids: string[] } | { all: true }): Promise<{ count: number }> {
  if ("ids" in input) {
    if (!Array.isArray(input.ids) || input.ids.length === 0) throw invalid("ids", "Name at least one notification.");
    if (input.ids.length > LIMITS.max) throw invalid("ids", `Mark at most ${LIMITS.max} at once, or all.`);
    if (input.ids.some((id) => typeof id !== "string" || !ID.test(id))) throw invalid("ids", "These are not notification ids.");
  } else if (input?.all !== true) throw invalid("ids", "Name the notifications, or all.");
  const which = "ids" in input ? Prisma.sql`AND id = ANY(${input.ids}::text[])` : Prisma.empty;
  const count = await withTeam(ctx.teamId, (tx) => tx.$executeRaw`
    UPDATE "Notification" SET "readAt" = now()
     WHERE "teamId" = ${ctx.teamId} AND "userId" = ${ctx.userId} AND "readAt" IS NULL ${which}`, { interactive: true });
  return { count };
}
