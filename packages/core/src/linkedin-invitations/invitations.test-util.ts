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
