import { Prisma, withTeam } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { recordAudit } from "../audit/record-audit";
import { now } from "../clock";
import { DomainError, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";

// Keep-in-touch cadences (docs/decisions/0012). A tag with cadenceDays makes one open CADENCE
// reminder per tagged, still-connected person (cadenceOpenFor holds the slot; the shortest cadence
// of their tags wins). Its due time is base + cadence, base = the latest of: their last message
// (lastInteractionAt), the close of their last cadence reminder done or cancelled by a person,
// connectedOn, and when the winning tag was put on them. Everything is set-based per team.

export const CADENCE_DAYS_MAX = 3650;

/** Per tagged, connected person: the winning cadence tag and the base its due time counts from. */
const cadenceSql = (teamId: string) => Prisma.sql`
  SELECT DISTINCT ON (ct."connectionId") ct."connectionId", t.id AS "tagId", t."cadenceDays",
         greatest(ct."createdAt", t."updatedAt") AS "changedAt",
         greatest(c."lastInteractionAt", c."connectedOn"::timestamp, ct."createdAt",
                  (SELECT max(p."doneAt") FROM "Reminder" p
                    WHERE p."teamId" = ${teamId} AND p."connectionId" = c.id AND p.kind = 'CADENCE' AND p."closedReason" IN ('done', 'cancelled'))
         ) + make_interval(days => t."cadenceDays") AS due
    FROM "ConnectionTag" ct
    JOIN "Tag" t ON t.id = ct."tagId" AND t."teamId" = ${teamId}
    JOIN "Connection" c ON c.id = ct."connectionId" AND c."teamId" = ${teamId}
   WHERE ct."teamId" = ${teamId} AND t."cadenceDays" IS NOT NULL AND c.status = 'CONNECTED'
   ORDER BY ct."connectionId", t."cadenceDays", t.id`;

export async function refreshCadenceReminders(teamId: string, at: Date = now()): Promise<{ opened: number; moved: number; closed: number }> {
  const atSql = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return withTeam(teamId, async (tx) => {
    // Close first, so a person who was messaged gets their next reminder in the same pass. A
    // message counts when an export shows one after the reminder was opened (and not in the future).
    const closed = await tx.$executeRaw`
      UPDATE "Reminder" r
         SET "doneAt" = ${atSql}, "cadenceOpenFor" = NULL, "updatedAt" = now(),
             "closedReason" = CASE WHEN c.status <> 'CONNECTED' THEN 'gone' WHEN cad."connectionId" IS NULL THEN 'untagged' ELSE 'messaged' END
        FROM "Connection" c LEFT JOIN (${cadenceSql(teamId)}) cad ON cad."connectionId" = c.id
       WHERE r."teamId" = ${teamId} AND r."cadenceOpenFor" IS NOT NULL AND c."teamId" = ${teamId} AND c.id = r."connectionId"
         AND (c.status <> 'CONNECTED' OR cad."connectionId" IS NULL
              OR (c."lastInteractionAt" > r."createdAt" AND c."lastInteractionAt" <= ${atSql}))`;
    // Move an open, not yet notified reminder when its cadence source changed after it was last
    // written (another tag now wins, the tag's cadence was edited, the tag was put on again);
    // a snooze or reschedule written later is left alone.
    const moved = await tx.$executeRaw`
      UPDATE "Reminder" r SET "dueAt" = cad.due, "tagId" = cad."tagId", "updatedAt" = now()
        FROM (${cadenceSql(teamId)}) cad
       WHERE r."teamId" = ${teamId} AND r."cadenceOpenFor" = cad."connectionId" AND r."notifiedAt" IS NULL
         AND r."dueAt" <> cad.due AND (r."tagId" IS DISTINCT FROM cad."tagId" OR r."updatedAt" < cad."changedAt")`;
    const opened = await tx.$executeRaw`
      INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", "tagId", "cadenceOpenFor", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${teamId}, c.id, c."accountId", 'CADENCE', cad.due, cad."tagId", c.id, ${atSql}, now()
        FROM (${cadenceSql(teamId)}) cad JOIN "Connection" c ON c.id = cad."connectionId" AND c."teamId" = ${teamId}
      ON CONFLICT ("teamId", "cadenceOpenFor") DO NOTHING`;
    return { opened, moved, closed };
  });
}

function cleanDays(raw: unknown): number | null {
  if (raw === null) return null;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > CADENCE_DAYS_MAX) {
    throw invalid("days", `Keep in touch every 1 to ${CADENCE_DAYS_MAX.toLocaleString("en")} days, or turn it off.`);
  }
  return raw;
}

/**
 * A tag's cadence changes everyone's reminders for the tag, so it follows the tag edit rule
 * (connections/tags.ts): owners and admins. The reminders follow in the `reminders.cadence` job.
 */
export async function setTagCadence(ctx: TTeamContext, tagId: string, days: number | null): Promise<{ tagId: string; cadenceDays: number | null }> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can change a tag's keep-in-touch cadence.");
  const cadenceDays = cleanDays(days);
  const changed = await withTeam(ctx.teamId, async (tx) => {
    const [tag] = await tx.$queryRaw<Array<{ id: string; name: string; cadenceDays: number | null }>>`
      SELECT id, name, "cadenceDays" FROM "Tag" WHERE "teamId" = ${ctx.teamId} AND id = ${tagId} LIMIT 1 FOR UPDATE`;
    if (!tag) throw new DomainError("NOT_FOUND", notFound("This tag").message, { field: "tagId" });
    if (tag.cadenceDays === cadenceDays) return false;
    await tx.$executeRaw`UPDATE "Tag" SET "cadenceDays" = ${cadenceDays}, "updatedAt" = now() WHERE "teamId" = ${ctx.teamId} AND id = ${tag.id}`;
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "tag.cadence_changed",
      targetType: "tag",
      targetId: tag.id,
      metadata: { tag: tag.name, from: tag.cadenceDays, to: cadenceDays },
    });
    return true;
  });
  if (changed) await enqueueCadenceRefresh(ctx.teamId);
  return { tagId, cadenceDays };
}

/** Debounced: a burst of tag edits becomes one pass a few seconds after the last. */
export async function enqueueCadenceRefresh(teamId: string): Promise<void> {
  await enqueue("reminders.cadence", { teamId }, { debounceId: teamId, delay: 2_000 });
}

/**
 * After people were tagged or untagged: the change already committed, so a Redis outage must not
 * fail the request; the next import or cadence edit derives the reminders again.
 */
export async function refreshCadenceAfterTagging(teamId: string): Promise<void> {
  await enqueueCadenceRefresh(teamId).catch((err: Error) => console.warn(`reminders: could not enqueue the cadence pass for ${teamId} (${err.message})`));
}
