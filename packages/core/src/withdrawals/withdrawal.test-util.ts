import { randomUUID } from "node:crypto";
import { withTeamRaw } from "@crm/db";
import { makeRemovalWorld, type TRemovalWorld } from "../removals/removal.test-util";
import { ownerQuery } from "../testing/setup";

// A team whose owner withdraws invitations: the removal world (so removals and withdrawals share
// account "a" and its lock) plus outgoing pending invitations with approved WITHDRAW_INVITATION
// items, written with SQL inside the team's RLS transaction (independent of the queue build and
// the import, which other code owns).

export type TInviteSeed = { name?: string; sentAt?: Date; message?: string | null; profileUrl?: string | null };

export type TWithdrawalWorld = TRemovalWorld & {
  /** Approved withdraw items on account "a", in creation order. */
  withdrawItems: string[];
  invitations: string[];
};

export async function makeWithdrawalWorld(opts: { label?: string; count?: number; removals?: number; invites?: TInviteSeed[] } = {}): Promise<TWithdrawalWorld> {
  const w = await makeRemovalWorld({ label: opts.label ?? "Withdraw", count: opts.removals ?? 2 });
  const seeds = opts.invites ?? Array.from({ length: opts.count ?? 5 }, () => ({}));
  const { items, invitations } = await addApprovedWithdrawals(w, w.account.id, seeds);
  return { ...w, withdrawItems: items, invitations };
}

/** Outgoing PENDING invitations of `accountId` with APPROVED withdraw items decided by the owner. */
export async function addApprovedWithdrawals(
  w: Pick<TRemovalWorld, "owner">,
  accountId: string,
  seeds: TInviteSeed[],
  state: "APPROVED" | "OPEN" = "APPROVED",
): Promise<{ items: string[]; invitations: string[] }> {
  const teamId = w.owner.team.id;
  const rows = seeds.map((s, i) => ({
    inv: randomUUID(),
    item: randomUUID(),
    name: s.name ?? `Invitee ${i + 1} ${randomUUID().slice(0, 6)}`,
    sentAt: (s.sentAt ?? new Date(Date.UTC(2026, 6, 1 + (i % 28)))).toISOString(),
    message: s.message ?? null,
    profileUrl: s.profileUrl === undefined ? `https://www.linkedin.com/in/invitee-${i}-${randomUUID().slice(0, 6)}` : s.profileUrl,
  }));
  await withTeamRaw(teamId, async (tx) => {
    const data = JSON.stringify(rows);
    await tx.$executeRaw`
      INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "profileUrl", "sentAt", message, "personKey", status)
      SELECT r.inv, ${teamId}, ${accountId}, 'test-import', 'OUTGOING', r.name, r."profileUrl", r."sentAt"::timestamptz AT TIME ZONE 'UTC', r.message, 'key:' || r.inv, 'PENDING'
        FROM jsonb_to_recordset(${data}::jsonb) AS r(inv text, name text, "profileUrl" text, "sentAt" text, message text)`;
    await tx.$executeRaw`
      INSERT INTO "ReviewItem" (id, "teamId", "accountId", "invitationId", kind, state, rules, "ruleDetail", decision, "decidedById", "decidedAt", "updatedAt")
      SELECT r.item, ${teamId}, ${accountId}, r.inv, 'WITHDRAW_INVITATION', ${state}::"ReviewState", ARRAY['stale_invitation'],
             jsonb_build_object('stale_invitation', 'Sent ' || left(r."sentAt", 10) || ' without a personal message'),
             CASE WHEN ${state} = 'APPROVED' THEN 'REMOVE'::"ReviewChoice" END, CASE WHEN ${state} = 'APPROVED' THEN ${w.owner.userId} END, now(), now()
        FROM jsonb_to_recordset(${data}::jsonb) AS r(inv text, item text, "sentAt" text)`;
  });
  return { items: rows.map((r) => r.item), invitations: rows.map((r) => r.inv) };
}

export async function setWithdrawPolicy(w: TRemovalWorld, p: { withdrawDailyLimit?: number | null; withdrawNextAllowedAt?: Date | null }): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalBudget" ("accountId", "teamId", "withdrawDailyLimit", "withdrawNextAllowedAt", "updatedAt")
     VALUES ($1, $2, $3, $4::timestamptz AT TIME ZONE 'UTC', now())
     ON CONFLICT ("accountId") DO UPDATE SET "withdrawDailyLimit" = EXCLUDED."withdrawDailyLimit", "withdrawNextAllowedAt" = EXCLUDED."withdrawNextAllowedAt"`,
    [w.account.id, w.owner.team.id, p.withdrawDailyLimit ?? null, p.withdrawNextAllowedAt ? p.withdrawNextAllowedAt.toISOString() : null],
  );
}

/** RemovalDay.withdrawUsed per local date (the daily and weekly counts before the test). */
export async function seedWithdrawDays(w: TRemovalWorld, days: Record<string, number>): Promise<void> {
  for (const [localDate, n] of Object.entries(days)) {
    await ownerQuery(
      `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", "withdrawUsed", "updatedAt") VALUES ($1, $2, $3::date, $4, now())
       ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET "withdrawUsed" = EXCLUDED."withdrawUsed"`,
      [w.owner.team.id, w.account.id, localDate, n],
    );
  }
}

export async function withdrawUsed(w: TRemovalWorld, localDate: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT "withdrawUsed" AS n FROM "RemovalDay" WHERE "accountId" = $1 AND "localDate" = $2::date`, [w.account.id, localDate]);
  return row?.n ?? 0;
}

export async function countedWithdrawals(w: TRemovalWorld): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "WithdrawalOutcome" WHERE "accountId" = $1 AND counted`, [w.account.id]);
  return row!.n;
}

export async function withdrawItemRow(itemId: string) {
  const [row] = await ownerQuery<{
    state: string;
    decision: string | null;
    decisionReason: string | null;
    closedReason: string | null;
    executedAt: Date | null;
    keepUntil: Date | null;
    withdrawnAt: Date | null;
  }>(
    `SELECT i.state::text AS state, i.decision::text AS decision, i."decisionReason", i."closedReason", i."executedAt" AT TIME ZONE 'UTC' AS "executedAt",
            i."keepUntil" AT TIME ZONE 'UTC' AS "keepUntil", p."withdrawnAt" AT TIME ZONE 'UTC' AS "withdrawnAt"
       FROM "ReviewItem" i JOIN "PendingInvitation" p ON p.id = i."invitationId" WHERE i.id = $1`,
    [itemId],
  );
  if (!row) throw new Error(`no item ${itemId}`);
  return row;
}
