import { Prisma, withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { now } from "../clock";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { dueInstantFor } from "./due-date";
import { SNOOZE_DAYS_MAX, type TReminderAction, type TReminderView } from "./types";
import { canActOn, reminderColumns, reminderFrom, toReminderView, type TReminderRow } from "./view";

// Done, snooze, reschedule, cancel: by the creator, the account owner, or an owner/admin. Moving
// the due time clears notifiedAt, so the reminder notifies again when it comes due again. Closing
// a cadence reminder releases its one-open-per-person slot (cadenceOpenFor); the next cadence pass
// opens the following one from this close.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY_MS = 86_400_000;

async function load(tx: TTx, ctx: TTeamContext, id: string, lock: boolean): Promise<TReminderRow | undefined> {
  const [row] = await tx.$queryRaw<TReminderRow[]>`
    SELECT ${reminderColumns} FROM ${reminderFrom(ctx.teamId)}
     WHERE r."teamId" = ${ctx.teamId} AND r.id = ${id} LIMIT 1 ${lock ? Prisma.sql`FOR UPDATE OF r` : Prisma.empty}`;
  return row;
}

function snoozeDays(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > SNOOZE_DAYS_MAX) throw invalid("days", `Snooze for 1 to ${SNOOZE_DAYS_MAX} days.`);
  return raw;
}

export async function actOnReminder(ctx: TTeamContext, reminderId: string, input: TReminderAction): Promise<TReminderView> {
  if (typeof reminderId !== "string" || !ID.test(reminderId)) throw notFound("This reminder");
  const at = now();
  const atIso = at.toISOString();
  // Validate before opening the transaction: a bad date is the caller's error, whoever they are.
  let newDue: Date | null = null;
  if (input?.action === "snooze") snoozeDays(input.days);
  else if (input?.action === "reschedule") newDue = dueInstantFor(input.date, input.timeZone, at);
  else if (input?.action !== "done" && input?.action !== "cancel") throw invalid("action", "The action is done, snooze, reschedule or cancel.");
  return withTeam(ctx.teamId, async (tx) => {
    const r = await load(tx, ctx, reminderId, true);
    if (!r) throw notFound("This reminder");
    if (!canActOn(ctx, r)) throw forbidden("Only the person who set this reminder, the account's owner, or an owner or admin can change it.");
    if (r.doneAt) {
      // Pressing "done" twice is not an error; changing a closed reminder is.
      if (input.action === "done" && r.closedReason === "done") return toReminderView(ctx, r, at);
      throw conflict("This reminder is already closed.");
    }
    const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
    let set: Prisma.Sql;
    let metadata: Record<string, string | number>;
    if (input.action === "done" || input.action === "cancel") {
      const reason = input.action === "done" ? "done" : "cancelled";
      set = Prisma.sql`"doneAt" = ${ts(at)}, "closedReason" = ${reason}, "closedById" = ${ctx.userId}, "cadenceOpenFor" = NULL`;
      metadata = { reason };
    } else {
      // Snoozing a reminder that is not due yet pushes it from its own due time, not from now.
      const due = newDue ?? new Date(Math.max(r.dueAt.getTime(), at.getTime()) + snoozeDays(input.action === "snooze" ? input.days : undefined) * DAY_MS);
      set = Prisma.sql`"dueAt" = ${ts(due)}, "notifiedAt" = NULL`;
      metadata = { from: r.dueAt.toISOString(), to: due.toISOString() };
    }
    await tx.$executeRaw`UPDATE "Reminder" SET ${set}, "updatedAt" = now() WHERE "teamId" = ${ctx.teamId} AND id = ${r.id}`;
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: `reminder.${input.action === "done" ? "done" : input.action === "cancel" ? "cancelled" : input.action === "snooze" ? "snoozed" : "rescheduled"}`,
      targetType: "reminder",
      targetId: r.id,
      metadata: { ...metadata, connectionId: r.connectionId, kind: r.kind, at: atIso },
    });
    const after = await load(tx, ctx, r.id, false);
    return toReminderView(ctx, after!, at);
  });
}
