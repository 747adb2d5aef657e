import { Prisma, withTeam } from "@crm/db";
import { now } from "../clock";
import { invalid, notFound } from "../errors";
import { isCanonicalIsoTime } from "../review/notifications";
import type { TTeamContext } from "../teams/membership";
import { CONNECTION_REMINDERS_MAX, REMINDER_PAGE_LIMITS, REMINDER_VIEWS, type TReminderListView, type TReminderPage, type TReminderView } from "./types";
import { reminderColumns, reminderFrom, toReminderView, type TReminderRow } from "./view";

// "My reminders": the ones I set, and the ones on people of accounts I own (cadence reminders and
// follow-ups a teammate set on my network). Due = open and dueAt ≤ now() (the test clock).
// Due and upcoming read oldest due first; done reads most recently closed first.

/** Counts stop here; the tabs show "1,000+". */
export const REMINDER_COUNT_CAP = 1_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor.slice(0, 200), "base64url").toString("utf8").split("|");
  if (!at || !id || !ID.test(id) || !isCanonicalIsoTime(at)) throw invalid("cursor", "This cursor is not valid: start again from the first page.");
  return { at, id };
}

const ts = (iso: string) => Prisma.sql`(${iso}::timestamptz AT TIME ZONE 'UTC')`;

export async function listReminders(ctx: TTeamContext, input: { view: TReminderListView; cursor?: string; limit?: number }): Promise<TReminderPage> {
  if (!(REMINDER_VIEWS as readonly string[]).includes(input.view)) throw invalid("view", `The view is one of ${REMINDER_VIEWS.join(", ")}.`);
  const limit = input.limit ?? REMINDER_PAGE_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > REMINDER_PAGE_LIMITS.max) throw invalid("limit", `The limit is a whole number from 1 to ${REMINDER_PAGE_LIMITS.max}.`);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const at = now();
  const atSql = ts(at.toISOString());
  const mine = Prisma.sql`(r."createdById" = ${ctx.userId} OR a."ownerUserId" = ${ctx.userId})`;
  const which =
    input.view === "done"
      ? Prisma.sql`r."doneAt" IS NOT NULL ${after ? Prisma.sql`AND (r."doneAt", r.id) < (${ts(after.at)}, ${after.id})` : Prisma.empty}`
      : Prisma.sql`r."doneAt" IS NULL AND ${input.view === "due" ? Prisma.sql`r."dueAt" <= ${atSql}` : Prisma.sql`r."dueAt" > ${atSql}`}
          ${after ? Prisma.sql`AND (r."dueAt", r.id) > (${ts(after.at)}, ${after.id})` : Prisma.empty}`;
  const order = input.view === "done" ? Prisma.sql`r."doneAt" DESC, r.id DESC` : Prisma.sql`r."dueAt", r.id`;
  const { rows, counts } = await withTeam(
    ctx.teamId,
    async (tx) => {
      const rows = await tx.$queryRaw<TReminderRow[]>`
        SELECT ${reminderColumns} FROM ${reminderFrom(ctx.teamId)}
         WHERE r."teamId" = ${ctx.teamId} AND ${mine} AND ${which}
         ORDER BY ${order} LIMIT ${limit + 1}`;
      const [counts] = await tx.$queryRaw<Array<{ due: number; upcoming: number }>>`
        SELECT count(*) FILTER (WHERE x."dueAt" <= ${atSql})::int AS due, count(*) FILTER (WHERE x."dueAt" > ${atSql})::int AS upcoming
          FROM (
            (SELECT r."dueAt" FROM "Reminder" r JOIN "LinkedInAccount" a ON a.id = r."accountId" AND a."teamId" = ${ctx.teamId}
              WHERE r."teamId" = ${ctx.teamId} AND r."doneAt" IS NULL AND ${mine} AND r."dueAt" <= ${atSql} LIMIT ${REMINDER_COUNT_CAP})
            UNION ALL
            (SELECT r."dueAt" FROM "Reminder" r JOIN "LinkedInAccount" a ON a.id = r."accountId" AND a."teamId" = ${ctx.teamId}
              WHERE r."teamId" = ${ctx.teamId} AND r."doneAt" IS NULL AND ${mine} AND r."dueAt" > ${atSql} LIMIT ${REMINDER_COUNT_CAP})
          ) x`;
      return { rows, counts: counts ?? { due: 0, upcoming: 0 } };
    },
    { interactive: true },
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toReminderView(ctx, r, at)),
    nextCursor: rows.length > limit && last ? encodeCursor(input.view === "done" ? last.doneAt! : last.dueAt, last.id) : null,
    counts,
  };
}

/** A person's reminders for the drawer: open ones first (soonest due), then recently closed; everyone in the team sees them. */
export async function listConnectionReminders(ctx: TTeamContext, connectionId: string): Promise<TReminderView[]> {
  if (typeof connectionId !== "string" || !ID.test(connectionId)) throw notFound("This connection");
  const at = now();
  const rows = await withTeam(
    ctx.teamId,
    async (tx) => {
      const found = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Connection" WHERE "teamId" = ${ctx.teamId} AND id = ${connectionId} LIMIT 1`;
      if (found.length === 0) throw notFound("This connection");
      return tx.$queryRaw<TReminderRow[]>`
        SELECT ${reminderColumns} FROM ${reminderFrom(ctx.teamId)}
         WHERE r."teamId" = ${ctx.teamId} AND r."connectionId" = ${connectionId}
         ORDER BY (r."doneAt" IS NOT NULL), CASE WHEN r."doneAt" IS NULL THEN r."dueAt" END, r."doneAt" DESC, r.id
         LIMIT ${CONNECTION_REMINDERS_MAX}`;
    },
    { interactive: true },
  );
  return rows.map((r) => toReminderView(ctx, r, at));
}
