import { randomUUID } from "node:crypto";
import { ownerQuery } from "../testing/setup";

// State of a removal session written straight into the database as its owner (bypassing RLS), so
// the read side's tests do not depend on the recorder: plans, day counts, policy rows, outcomes.

/** Puts items on a local day's plan, ranked in the order given (1, 2, …). */
export async function planItems(itemIds: string[], localDate: string): Promise<void> {
  await ownerQuery(
    `UPDATE "ReviewItem" i SET "plannedOn" = $2::date, "planRank" = k.rank
       FROM unnest($1::text[]) WITH ORDINALITY AS k(id, rank) WHERE i.id = k.id`,
    [itemIds, localDate],
  );
}

export async function setDay(teamId: string, accountId: string, localDate: string, day: { used?: number; planned?: number; plannedAt?: Date | null }): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, planned, "plannedAt", "updatedAt") VALUES ($1, $2, $3::date, $4, $5, $6, now())
     ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET used = EXCLUDED.used, planned = EXCLUDED.planned, "plannedAt" = EXCLUDED."plannedAt"`,
    [teamId, accountId, localDate, day.used ?? 0, day.planned ?? 0, day.plannedAt === undefined ? new Date() : day.plannedAt],
  );
}

export async function setBudgetRow(teamId: string, accountId: string, row: { dailyLimit?: number | null; nextAllowedAt?: Date | null }): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalBudget" ("accountId", "teamId", "dailyLimit", "nextAllowedAt", "updatedAt") VALUES ($1, $2, $3, $4, now())
     ON CONFLICT ("accountId") DO UPDATE SET "dailyLimit" = EXCLUDED."dailyLimit", "nextAllowedAt" = EXCLUDED."nextAllowedAt"`,
    [accountId, teamId, row.dailyLimit ?? null, row.nextAllowedAt ?? null],
  );
}

export type TOutcomeSeed = {
  accountId: string;
  itemId: string;
  connectionId: string;
  outcome?: "REMOVED" | "NOT_FOUND" | "KEPT";
  localDate: string;
  createdAt: Date;
  /** Default: true for REMOVED. */
  counted?: boolean;
  /** Default: live (liveFor = itemId) unless undone or superseded. */
  live?: boolean;
  undoneAt?: Date | null;
  budgetReturned?: boolean;
  supersededAt?: Date | null;
  recordedById?: string | null;
};

export async function addOutcome(teamId: string, o: TOutcomeSeed): Promise<string> {
  const id = randomUUID();
  const outcome = o.outcome ?? "REMOVED";
  const live = o.live ?? (!o.undoneAt && !o.supersededAt);
  await ownerQuery(
    `INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "recordedById",
                                   "createdAt", "undoneAt", "budgetReturned", "supersededAt")
     VALUES ($1, $2, $3, $4, $5, $6::"RemovalOutcomeKind", $7::date, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      teamId,
      o.accountId,
      o.itemId,
      o.connectionId,
      outcome,
      o.localDate,
      o.counted ?? outcome === "REMOVED",
      live ? o.itemId : null,
      o.recordedById ?? null,
      o.createdAt,
      o.undoneAt ?? null,
      o.budgetReturned ?? false,
      o.supersededAt ?? null,
    ],
  );
  return id;
}

/** An ICP of the team, created at `createdAt` (the card lists scores oldest ICP first). */
export async function addIcp(teamId: string, name: string, createdAt: Date): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO "Icp" (id, "teamId", name, definition, "createdAt", "updatedAt") VALUES ($1, $2, $3, '{}', $4, now())`, [id, teamId, name, createdAt]);
  return id;
}

export async function addScore(teamId: string, icpId: string, connectionId: string, score: number, band: string, reasons: unknown): Promise<void> {
  await ownerQuery(
    `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags) VALUES ($1, $2, $3, 1, $4, $5, $6::jsonb, '{}')`,
    [teamId, icpId, connectionId, score, band, JSON.stringify(reasons)],
  );
}

export async function addTag(teamId: string, connectionId: string, name: string): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, $3, lower($3), 'gray', now())`, [id, teamId, name]);
  await ownerQuery(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId") VALUES ($1, $2, $3)`, [teamId, id, connectionId]);
  return id;
}
