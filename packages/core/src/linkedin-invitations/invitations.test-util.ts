import { randomUUID } from "node:crypto";
import { withTeam } from "@crm/db";
import type { TTeamContext } from "../teams/membership";

// Invitation rows written directly (the import that fills them is another piece of work).

const DAY = 86_400_000;

export type TInvitationSeed = {
  direction?: "OUTGOING" | "INCOMING";
  name: string;
  daysAgo?: number | null;
  message?: string | null;
  status?: "PENDING" | "ACCEPTED" | "GONE";
  identityKey?: string | null;
  profileUrl?: string | null;
  withdrawnDaysAgo?: number | null;
  statusChangedDaysAgo?: number | null;
  response?: "accepted" | "ignored" | null;
};

export async function seedInvitations(ctx: TTeamContext, accountId: string, seeds: TInvitationSeed[], now = new Date()): Promise<string[]> {
  const rows = seeds.map((s) => {
    const key = s.identityKey ?? `name:${s.name.toLowerCase()}`;
    return {
      id: randomUUID(),
      teamId: ctx.teamId,
      accountId,
      importId: "seed",
      direction: s.direction ?? "OUTGOING",
      name: s.name,
      profileUrl: s.profileUrl ?? null,
      identityKey: s.identityKey ?? null,
      personKey: key,
      sentAt: s.daysAgo === null ? null : new Date(now.getTime() - (s.daysAgo ?? 10) * DAY),
      message: s.message ?? null,
      status: s.status ?? "PENDING",
      withdrawnAt: s.withdrawnDaysAgo == null ? null : new Date(now.getTime() - s.withdrawnDaysAgo * DAY),
      statusChangedAt: s.statusChangedDaysAgo == null ? null : new Date(now.getTime() - s.statusChangedDaysAgo * DAY),
      response: s.response ?? null,
      respondedAt: s.response ? now : null,
    };
  });
  await withTeam(ctx.teamId, (tx) => tx.pendingInvitation.createMany({ data: rows }));
  return rows.map((r) => r.id);
}

export type TWithdrawalSeed = { invitationId: string; daysAgo: number; undone?: boolean; superseded?: boolean; live?: boolean };

/** WITHDRAWN outcomes as the session writes them (counted; the invitation's item DONE and executed), one item per invitation. */
export async function seedWithdrawals(ctx: TTeamContext, accountId: string, seeds: TWithdrawalSeed[], now = new Date()): Promise<void> {
  await withTeam(ctx.teamId, async (tx) => {
    const items = new Map<string, string>();
    for (const s of seeds) {
      let itemId = items.get(s.invitationId);
      if (!itemId) {
        itemId = randomUUID();
        items.set(s.invitationId, itemId);
        await tx.$executeRaw`
          INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, "decidedById", "decidedAt", "executedAt", "updatedAt")
          VALUES (${itemId}, ${ctx.teamId}, ${s.invitationId}, ${accountId}, 'WITHDRAW_INVITATION', 'DONE', 'REMOVE', ${ctx.userId}, ${now}, ${now}, ${now})`;
      }
      const at = new Date(now.getTime() - s.daysAgo * DAY);
      await tx.$executeRaw`
        INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt", "undoneAt", "supersededAt")
        VALUES (${randomUUID()}, ${ctx.teamId}, ${accountId}, ${itemId}, ${s.invitationId}, 'WITHDRAWN', ${at.toISOString().slice(0, 10)}::date, true,
                ${s.live ? itemId : null}, ${ctx.userId}, ${at}, ${s.undone ? at : null}, ${s.superseded ? now : null})`;
    }
  });
}
