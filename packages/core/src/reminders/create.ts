import { Prisma, withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { now } from "../clock";
import { invalid } from "../errors";
import { MAX_TARGET_IDS, targetIdsSql, type TBulkTarget } from "../connections/target";
import type { TTeamContext } from "../teams/membership";
import { dueInstantFor } from "./due-date";
import { REMINDER_NOTE_MAX } from "./types";

// "Remind me": one follow-up per person in the target (the drawer's one person, the ticked rows,
// or everything matching the filter), in one statement. The creator is the one reminded.

const IDS_SHOWN = 100;

export function cleanNote(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw invalid("note", "The note is text.");
  const note = raw.trim();
  if ([...note].length > REMINDER_NOTE_MAX) throw invalid("note", `A note has at most ${REMINDER_NOTE_MAX} characters.`);
  return note === "" ? null : note;
}

export async function createReminders(
  ctx: TTeamContext,
  input: { target: TBulkTarget; date: string; timeZone: string; note?: string | null },
): Promise<{ created: number; reminderIds: string[] }> {
  const dueAt = dueInstantFor(input.date, input.timeZone, now());
  const note = cleanNote(input.note);
  return withTeam(ctx.teamId, async (tx) => {
    const target = await targetIdsSql(tx, ctx, input.target);
    // One more than the cap is read so "too many" is refused (the transaction rolls back) rather than cut silently.
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", note, "createdById", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, c.id, c."accountId", 'FOLLOW_UP', ${dueAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
             ${note}::text, ${ctx.userId}, now(), now()
        FROM "Connection" c
       WHERE c."teamId" = ${ctx.teamId} AND c.id IN (SELECT x.id FROM (${target}) x LIMIT ${MAX_TARGET_IDS + 1})
      RETURNING id`;
    if (rows.length > MAX_TARGET_IDS) throw invalid("target", `Set reminders for at most ${MAX_TARGET_IDS.toLocaleString("en")} people at once; narrow the filter.`);
    if (rows.length === 0) throw invalid("target", "None of these people are in this team's connections.");
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "reminder.created",
      targetType: rows.length === 1 ? "reminder" : undefined,
      targetId: rows.length === 1 ? rows[0]!.id : undefined,
      metadata: { count: rows.length, dueAt: dueAt.toISOString(), date: input.date, timeZone: input.timeZone, scope: "filter" in input.target ? "filter" : "selection" } as Prisma.InputJsonValue,
    });
    return { created: rows.length, reminderIds: rows.slice(0, IDS_SHOWN).map((r) => r.id) };
  });
}
