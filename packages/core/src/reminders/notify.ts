import { randomUUID } from "node:crypto";
import { Prisma, withTeam } from "@crm/db";
import { now } from "../clock";
import { SINGLE_NOTIFICATIONS_MAX } from "./types";

// The `reminders.notify` job: reminders of one team that came due become bell notifications, each
// reminder once (notifiedAt). Who hears: a follow-up's creator while still a member, else the
// account's owner; a cadence reminder's account owner. A member who gets more than five in one
// pass gets one summary instead. Notifications start with mailState NULL: the email pass decides.

/** Reminders handled per pass; the sweep comes back a minute later for the rest. */
export const NOTIFY_BATCH = 5_000;

export async function notifyDueReminders(teamId: string, at: Date = now()): Promise<{ reminders: number; notifications: number }> {
  const passId = randomUUID();
  const atSql = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return withTeam(teamId, async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ reminders: number; notifications: number }>>`
      WITH due AS (
        SELECT r.id, r."connectionId", r.kind::text AS kind, r."dueAt", r.note, r."tagId", r."createdById", r."accountId"
          FROM "Reminder" r
         WHERE r."teamId" = ${teamId} AND r."doneAt" IS NULL AND r."notifiedAt" IS NULL AND r."dueAt" <= ${atSql}
         ORDER BY r."dueAt", r.id
         LIMIT ${NOTIFY_BATCH}
           FOR UPDATE OF r SKIP LOCKED -- two passes at once split the work instead of notifying twice
      ), marked AS (
        UPDATE "Reminder" r SET "notifiedAt" = ${atSql}, "updatedAt" = now() FROM due WHERE r.id = due.id AND r."teamId" = ${teamId} RETURNING r.id
      ), rcpt AS (
        SELECT due.*, m."userId", trim(c."firstName" || ' ' || c."lastName") AS name, t.name AS "tagName"
          FROM due
          JOIN "LinkedInAccount" a ON a.id = due."accountId" AND a."teamId" = ${teamId}
          LEFT JOIN "Membership" creator ON creator."teamId" = ${teamId} AND creator."userId" = due."createdById" AND due.kind = 'FOLLOW_UP'
          JOIN "Membership" m ON m."teamId" = ${teamId} AND m."userId" = coalesce(creator."userId", a."ownerUserId")
          JOIN "Connection" c ON c.id = due."connectionId" AND c."teamId" = ${teamId}
          LEFT JOIN "Tag" t ON t.id = due."tagId" AND t."teamId" = ${teamId}
      ), per AS (
        SELECT "userId", count(*)::int AS n FROM rcpt GROUP BY "userId"
      ), single AS (
        INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", data, "dedupeKey")
        SELECT gen_random_uuid()::text, ${teamId}, rcpt."userId", 'reminder_due', rcpt.id,
               jsonb_strip_nulls(jsonb_build_object('reminderId', rcpt.id, 'connectionId', rcpt."connectionId", 'connectionName', rcpt.name,
                                                    'kind', rcpt.kind, 'tagName', rcpt."tagName")) || jsonb_build_object('note', rcpt.note),
               'reminder:' || rcpt.id || ':' || to_char(rcpt."dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          FROM rcpt JOIN per ON per."userId" = rcpt."userId"
         WHERE per.n <= ${SINGLE_NOTIFICATIONS_MAX}
        ON CONFLICT DO NOTHING RETURNING 1
      ), summary AS (
        INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", data, "dedupeKey")
        SELECT gen_random_uuid()::text, ${teamId}, per."userId", 'reminder_due', NULL, jsonb_build_object('count', per.n), ${`reminders:${passId}`}
          FROM per WHERE per.n > ${SINGLE_NOTIFICATIONS_MAX}
        ON CONFLICT DO NOTHING RETURNING 1
      )
      SELECT (SELECT count(*) FROM marked)::int AS reminders,
             ((SELECT count(*) FROM single) + (SELECT count(*) FROM summary))::int AS notifications`;
    return row ?? { reminders: 0, notifications: 0 };
  });
}
