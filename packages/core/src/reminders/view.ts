import { Prisma } from "@crm/db";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import type { TClosedReason, TReminderKind, TReminderView } from "./types";

// One SELECT shape for every read that answers TReminderView (lists, a person's reminders, the
// result of an action), so the rows and the rules for "due" and "may act" cannot drift apart.

export type TReminderRow = {
  id: string;
  kind: TReminderKind;
  dueAt: Date;
  note: string | null;
  doneAt: Date | null;
  closedReason: string | null;
  createdById: string | null;
  createdByName: string | null;
  tagId: string | null;
  tagName: string | null;
  connectionId: string;
  name: string;
  company: string | null;
  position: string | null;
  accountId: string;
  accountLabel: string;
  ownerUserId: string;
  profileUrl: string | null;
};

/** Columns of reminder `r` joined to its person `c`, account `a`, creator `cu` and tag `t` (see reminderFrom). */
export const reminderColumns = Prisma.sql`
  r.id, r.kind::text AS kind, r."dueAt", r.note, r."doneAt", r."closedReason", r."createdById", cu.name AS "createdByName",
  r."tagId", t.name AS "tagName", c.id AS "connectionId", trim(c."firstName" || ' ' || c."lastName") AS name,
  c.company, c.position, a.id AS "accountId", a.label AS "accountLabel", a."ownerUserId", c."profileUrl"`;

export function reminderFrom(teamId: string): Prisma.Sql {
  return Prisma.sql`"Reminder" r
    JOIN "Connection" c ON c.id = r."connectionId" AND c."teamId" = ${teamId}
    JOIN "LinkedInAccount" a ON a.id = r."accountId" AND a."teamId" = ${teamId}
    LEFT JOIN "User" cu ON cu.id = r."createdById"
    LEFT JOIN "Tag" t ON t.id = r."tagId" AND t."teamId" = ${teamId}`;
}

export function canActOn(ctx: TTeamContext, r: Pick<TReminderRow, "createdById" | "ownerUserId">): boolean {
  return r.createdById === ctx.userId || r.ownerUserId === ctx.userId || roleAtLeast(ctx.role, "ADMIN");
}

export function toReminderView(ctx: TTeamContext, r: TReminderRow, at: Date): TReminderView {
  return {
    id: r.id,
    kind: r.kind,
    dueAt: r.dueAt.toISOString(),
    note: r.note,
    state: r.doneAt ? "done" : r.dueAt.getTime() <= at.getTime() ? "due" : "upcoming",
    closedReason: (r.closedReason as TClosedReason | null) ?? null,
    connection: {
      id: r.connectionId,
      name: r.name,
      company: r.company,
      position: r.position,
      accountId: r.accountId,
      accountLabel: r.accountLabel,
      profileUrl: r.profileUrl,
    },
    createdBy: r.createdById ? { id: r.createdById, name: r.createdByName ?? "Former member" } : null,
    tag: r.tagId ? { id: r.tagId, name: r.tagName ?? "Deleted tag" } : null,
    canAct: canActOn(ctx, r),
  };
}
