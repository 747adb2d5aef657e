import { Prisma, type TRawTx } from "@crm/db";
import { conflict, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { CHOICE_LABELS } from "./choice-input";
import { choiceCode } from "./codes";
import type { TReadRules } from "./item-summary";
import type { TReviewChoiceCode } from "./types";

// What every review write shares: the locked item, the version check that tells a stale writer
// what changed, the `lastChange` stamp, and the columns a decision snapshots so undo restores them.

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TLastChange = { actorId: string; actorName: string; action: string; choice: TReviewChoiceCode | null; at: string };

export type TLockedItem = {
  id: string;
  kind: string;
  /** Null for a withdraw_invitation item, which has invitationId instead. */
  connectionId: string | null;
  invitationId: string | null;
  accountId: string;
  state: "OPEN" | "SNOOZED" | "APPROVED" | "DONE" | "CLOSED";
  round: number;
  version: number;
  decision: string | null;
  decidedByName: string | null;
  snoozedUntil: Date | null;
  closedReason: string | null;
  closedAt: Date | null;
  updatedAt: Date;
  executedAt: Date | null;
  lastChange: TLastChange | null;
  ownerUserId: string;
  ownerName: string | null;
  accountLabel: string;
  connectionName: string;
  actorName: string;
  /** QueueSettings.rules (null: the defaults), read with the lock so a write needs no extra round trip. */
  settings: unknown;
};

/** The item, locked for this transaction; another team's (or an unknown) id is NOT_FOUND. */
export async function lockItem(tx: TRawTx, ctx: TTeamContext, itemId: string): Promise<TLockedItem> {
  if (typeof itemId !== "string" || !ID.test(itemId)) throw notFound("This review item");
  const [row] = await tx.$queryRaw<TLockedItem[]>`
    SELECT i.id, i.kind::text AS kind, i."connectionId", i."invitationId", i."accountId", i.state::text AS state, i.round, i.version, i.decision::text AS decision,
           du.name AS "decidedByName", i."snoozedUntil", i."closedReason", i."closedAt", i."updatedAt", i."executedAt", i."lastChange",
           a."ownerUserId", ou.name AS "ownerName", a.label AS "accountLabel",
           coalesce(trim(c."firstName" || ' ' || c."lastName"), pi.name, 'Someone') AS "connectionName",
           coalesce((SELECT u.name FROM "User" u WHERE u.id = ${ctx.userId}), 'Someone') AS "actorName",
           (SELECT qs.rules FROM "QueueSettings" qs WHERE qs."teamId" = i."teamId") AS settings
      FROM "ReviewItem" i
      JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = i."teamId"
      -- the person: the connection, or the invitee of a withdraw_invitation item
      LEFT JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId"
      LEFT JOIN "PendingInvitation" pi ON pi.id = i."invitationId" AND pi."teamId" = i."teamId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
      LEFT JOIN "User" du ON du.id = i."decidedById"
     WHERE i."teamId" = ${ctx.teamId} AND i.id = ${itemId} AND (c.id IS NOT NULL OR pi.id IS NOT NULL)
       FOR UPDATE OF i`;
  if (!row) throw notFound("This review item");
  // A snooze whose date passed is open again (the read side wakes them lazily too).
  if (row.state === "SNOOZED" && row.snoozedUntil && row.snoozedUntil.getTime() <= Date.now()) {
    await tx.$executeRaw`UPDATE "ReviewItem" SET state = 'OPEN', "updatedAt" = now() WHERE id = ${row.id} AND "teamId" = ${ctx.teamId}`;
    row.state = "OPEN";
  }
  return row;
}

/** "20 s ago", "2 min ago", "3 h ago", "4 days ago". */
export function relativeTime(at: string | Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - new Date(at).getTime()) / 1000));
  if (s < 1) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  const d = Math.round(s / 86_400);
  return `${d} ${d === 1 ? "day" : "days"} ago`;
}

const VERBS: Record<string, string> = {
  voted: "voted",
  decided: "decided",
  vote_retracted: "withdrew a vote",
  undone: "undid a change",
  proposed: "proposed it for review",
  // The removal session (core/removals): what the account's owner recorded after LinkedIn.
  executed: "recorded the removal",
  not_found: "couldn't find them on LinkedIn",
};

/** "Ana decided Keep 20 s ago", from an item's lastChange. */
export function describeChange(last: TLastChange | null, now = new Date()): string {
  if (!last) return "someone changed it";
  const verb = VERBS[last.action] ?? last.action;
  const choice = last.choice && (last.action === "voted" || last.action === "decided") ? ` ${CHOICE_LABELS[last.choice]}` : "";
  return `${last.actorName} ${verb}${choice} ${relativeTime(last.at, now)}`;
}

type TStaleItem = Pick<TLockedItem, "lastChange"> & Partial<Pick<TLockedItem, "state" | "closedReason" | "closedAt" | "snoozedUntil">>;

/**
 * What changed since the writer loaded the item. A person's change names them (lastChange); the
 * queue build changes items without a person (it closes an item whose reason is gone, updates its
 * reasons), and a snooze ends by itself: those say so instead of naming whoever touched it last.
 */
export function staleText(item: TStaleItem, now = new Date()): string {
  const last = item.lastChange;
  const lastAt = last ? new Date(last.at).getTime() : -Infinity;
  if (item.state === "CLOSED" && item.closedAt && lastAt < item.closedAt.getTime()) {
    return `This item closed itself: ${item.closedReason ?? "it no longer matches any queue rule"}.`;
  }
  if (item.state === "OPEN" && item.snoozedUntil && item.snoozedUntil.getTime() <= now.getTime() && lastAt < item.snoozedUntil.getTime()) {
    return `This item's snooze ended on ${item.snoozedUntil.toISOString().slice(0, 10)}: it is open again.`;
  }
  if (!last) return "This item changed since you loaded it: the queue's rules changed why it is here.";
  return `This item changed since you loaded it: ${describeChange(last, now)}.`;
}

/** A write that needs an open or snoozed item: a self-closed one says why it closed, a decided one who decided it. */
export function notActionable(item: TStaleItem & Pick<TLockedItem, "state" | "decision" | "decidedByName" | "snoozedUntil" | "closedReason"> & { kind?: string }): Error {
  const last = item.lastChange ? new Date(item.lastChange.at).getTime() : -Infinity;
  if (item.state === "CLOSED" && item.closedAt && last < item.closedAt.getTime()) return conflict(`${staleText(item)} Reload it.`);
  return conflict(`This item is already decided: ${settledText(item)}.`);
}

export function staleVersion(item: TStaleItem): Error {
  return conflict(`${staleText(item)} Reload it to see the change.`, "version");
}

export function checkVersion(item: TLockedItem, version: number | null): void {
  // A version the item never had yet is not a stale view of it: say what the item is at.
  if (version !== null && version > item.version) {
    throw conflict(`This item is at version ${item.version}; version ${version} has not happened yet. Reload it and try again.`, "version");
  }
  if (version !== null && version !== item.version) throw staleVersion(item);
}

/** "Approved for removal by Ana" ("for withdrawal" for an invitation), for a write that needs an open item. */
export function settledText(item: Pick<TLockedItem, "state" | "decision" | "decidedByName" | "snoozedUntil" | "closedReason"> & { kind?: string }): string {
  const by = item.decidedByName ? ` by ${item.decidedByName}` : "";
  const invitation = item.kind === "WITHDRAW_INVITATION";
  switch (item.state) {
    case "APPROVED":
      return invitation ? `Approved for withdrawal${by}` : `Approved for removal${by}`;
    case "SNOOZED":
      return `Snoozed until ${item.snoozedUntil?.toISOString().slice(0, 10) ?? "later"}${by}`;
    case "DONE":
      return item.decision === "FOLLOW_UP" ? `Marked for follow-up${by}` : item.decision === "KEEP" ? (invitation ? `Kept waiting${by}` : `Kept${by}`) : `Done${by}`;
    case "CLOSED":
      return `Closed${item.closedReason ? `: ${item.closedReason}` : ""}`;
    default:
      return "Open";
  }
}

export function lastChangeOf(ctx: TTeamContext, actorName: string, action: string, choice: string | null, at = new Date()): TLastChange {
  return { actorId: ctx.userId, actorName, action, choice: choice ? choiceCode(choice) : null, at: at.toISOString() };
}

export const json = (v: unknown) => JSON.stringify(v);

/** The columns a decision changes; undo puts exactly these back. */
export const SNAPSHOT_COLUMNS = [
  "state", "decision", "decisionReason", "decidedById", "decidedAt", "snoozedUntil", "keepUntil",
  "closedReason", "closedAt", "claimedById", "claimExpiresAt", "lastChange",
] as const;

/** jsonb of the snapshot columns of the ReviewItem row aliased `alias`. */
export function snapshotSql(alias: string): Prisma.Sql {
  return Prisma.raw(`jsonb_build_object(${SNAPSHOT_COLUMNS.map((c) => `'${c}', ${alias}."${c}"`).join(", ")})`);
}

/** `SET` list restoring the snapshot columns from the record `rec` (jsonb_populate_record of ReviewItem). */
export function restoreSetSql(rec: string): Prisma.Sql {
  return Prisma.raw(SNAPSHOT_COLUMNS.filter((c) => c !== "lastChange").map((c) => `"${c}" = ${rec}."${c}"`).join(", "));
}

export type TWriteRules = TReadRules & { keepMonths: number };

/** The decide rule and protections (as the read side reads them) plus how long a Keep lasts, from QueueSettings.rules. */
export function writeRulesOf(json: unknown): TWriteRules {
  const r = (json && typeof json === "object" ? json : {}) as { adminsDecide?: unknown; protectedTagIds?: unknown; keepMonths?: unknown };
  const k = r.keepMonths;
  return {
    adminsDecide: r.adminsDecide === true,
    protectedTagIds: Array.isArray(r.protectedTagIds) ? r.protectedTagIds.filter((x): x is string => typeof x === "string") : [],
    keepMonths: typeof k === "number" && Number.isInteger(k) && k >= 0 && k <= 120 ? k : 6,
  };
}

/** writeRulesOf the team's settings; one query (a locked item already carries them: writeRulesOf(item.settings)). */
export async function loadWriteRules(tx: TRawTx, teamId: string): Promise<TWriteRules> {
  const [row] = await tx.$queryRaw<Array<{ rules: unknown }>>`SELECT rules FROM "QueueSettings" WHERE "teamId" = ${teamId}`;
  return writeRulesOf(row?.rules);
}
