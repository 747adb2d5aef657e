import { Prisma, withTeam, type TTx } from "@crm/db";
import { CSV_BOM, csvRecords } from "../csv/safe-csv";
import { invalid, notFound } from "../errors";
import { isCanonicalIsoTime } from "../review/notifications";
import { slugify } from "../teams/slug";
import type { TTeamContext } from "../teams/membership";
import { guidedLink } from "./guided-link";
import { localDateOf } from "./local-day";
import { ACCOUNT_ID } from "./session-view";
import type { TRemovedPerson } from "./types";

// The "Removed people" list and its CSV: who was removed through a guided link on this account,
// pending (recorded, not yet confirmed by an export) or verified (gone from a later export), with
// a reconnect link for a removal made by mistake.
//
// Driven by the removal, not the connection: a person is listed by their "Removed" outcome that
// still stands (counted, not undone, not superseded by a "still connected" import) whose
// connection is REMOVAL_PENDING or REMOVED. Only a recorded "Removed" ever sets REMOVAL_PENDING,
// and every standing one is counted (a budget given back is an undo), so the partial index
// "RemovalOutcome" (teamId, accountId, createdAt) WHERE counted walks the list newest first, a
// page at a time; scanning the account's 30,000 connections for a status (not an index condition
// under row-level security) would cost every page the whole network.

export const REMOVED_PAGE = { default: 50, max: 200 } as const;
export const REMOVED_CSV_MAX = 30_000;
const CSV_BATCH = 2_000;
const CURSOR_MAX = 200;

type TRow = {
  outcomeId: string;
  removedAt: Date;
  connectionId: string;
  firstName: string;
  lastName: string;
  position: string | null;
  company: string | null;
  profileUrl: string | null;
  status: string;
  goneAt: Date | null;
  removedById: string | null;
  removedByName: string | null;
};

type TAfter = { at: string; id: string };

const encodeCursor = (r: { removedAt: Date; outcomeId: string }) => Buffer.from(`${r.removedAt.toISOString()}|${r.outcomeId}`, "utf8").toString("base64url");

function decodeCursor(raw: unknown): TAfter {
  const broken = () => invalid("cursor", "This page link is not valid (it was changed or cut short). Go back to the first page of removed people.");
  if (typeof raw !== "string" || raw.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(raw)) throw broken();
  const [at, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  // Only the exact form encodeCursor writes: Date.parse would take "1" or "2026-02-30…", which Postgres then refuses.
  if (extra !== undefined || !at || !id || !ACCOUNT_ID.test(id) || !isCanonicalIsoTime(at)) throw broken();
  return { at, id };
}

function pageLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return REMOVED_PAGE.default;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > REMOVED_PAGE.max) {
    throw invalid("limit", `Ask for 1 to ${REMOVED_PAGE.max} removed people per page.`);
  }
  return limit;
}

/**
 * The standing removals of the account (FROM … WHERE, without order or keyset); `accountId` a
 * value or a column. The connection is a LIMIT 1 lateral on its primary key: as a plain join the
 * planner joined all of the account's removals, then sorted them for a page of 50 (53 ms for
 * 3,000); this way a page walks the index newest first and stops (0.5 ms).
 */
function removedSql(teamId: string, accountId: string | Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      FROM "RemovalOutcome" o
      CROSS JOIN LATERAL (SELECT * FROM "Connection" x WHERE x.id = o."connectionId" LIMIT 1) c
     WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId} AND counted
       AND o.outcome = 'REMOVED' AND o."undoneAt" IS NULL AND o."supersededAt" IS NULL
       AND c.status IN ('REMOVAL_PENDING', 'REMOVED')`;
}

/**
 * The account's removed people by status: (pending, verified, total). Counted on the connection
 * side, an index-only walk of "Connection" (teamId, accountId, status) with the status as a filter
 * on the index tuple (never an index condition under row-level security): O(network), a few ms for
 * 30,000, where joining each standing removal to its connection cost a primary-key probe per
 * removal (30 ms for 3,000). Both sides agree: only a recorded "Removed" sets REMOVAL_PENDING (and
 * an import turns that into REMOVED); an undo or a "still connected" import puts the person back
 * to CONNECTED as it ends the outcome's standing.
 */
export function removedCountsSql(teamId: string, accountId: string | Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*) FILTER (WHERE c.status = 'REMOVAL_PENDING')::int AS pending,
           count(*) FILTER (WHERE c.status = 'REMOVED')::int AS verified,
           count(*)::int AS total
      FROM "Connection" c
     WHERE c."teamId" = ${teamId} AND c."accountId" = ${accountId} AND c.status IN ('REMOVAL_PENDING', 'REMOVED')`;
}

async function readRows(tx: TTx, teamId: string, accountId: string, after: TAfter | null, take: number): Promise<TRow[]> {
  // The createdAt bound is the index condition; the row comparison settles ties on the same millisecond.
  const keyset = after
    ? Prisma.sql` AND o."createdAt" <= ${after.at}::timestamp(3) AND (o."createdAt", o.id) < (${after.at}::timestamp(3), ${after.id})`
    : Prisma.empty;
  return tx.$queryRaw<TRow[]>`
    SELECT o.id AS "outcomeId", o."createdAt" AS "removedAt", c.id AS "connectionId", c."firstName", c."lastName", c.position, c.company,
           c."profileUrl", c.status::text AS status, c."goneAt",
           o."recordedById" AS "removedById", (SELECT u.name FROM "User" u WHERE u.id = o."recordedById") AS "removedByName"
    ${removedSql(teamId, accountId)}${keyset}
     ORDER BY o."createdAt" DESC, o.id DESC
     LIMIT ${take}`;
}

function toPerson(r: TRow): TRemovedPerson {
  const verified = r.status === "REMOVED";
  return {
    connectionId: r.connectionId,
    name: `${r.firstName} ${r.lastName}`.trim(),
    position: r.position,
    company: r.company,
    reconnect: guidedLink(r),
    status: verified ? "verified" : "pending",
    removedAt: r.removedAt.toISOString(),
    removedBy: r.removedById ? { id: r.removedById, name: r.removedByName ?? "Former member" } : null,
    verifiedAt: verified && r.goneAt ? r.goneAt.toISOString() : null,
  };
}

async function accountOf(tx: TTx, teamId: string, accountId: unknown): Promise<{ id: string; label: string; timeZone: string }> {
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw notFound("This LinkedIn account");
  const account = await tx.linkedInAccount.findFirst({ where: { id: accountId, teamId }, select: { id: true, label: true, timeZone: true } });
  if (!account) throw notFound("This LinkedIn account");
  return account;
}

/** People removed through guided links on this account, newest first (keyset on removedAt, id). */
export async function listRemovedPeople(
  ctx: TTeamContext,
  accountId: string,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<{ account: { id: string; label: string; timeZone: string }; items: TRemovedPerson[]; nextCursor: string | null; total: number }> {
  const limit = pageLimit(opts.limit);
  const after = opts.cursor === undefined || opts.cursor === null || opts.cursor === "" ? null : decodeCursor(opts.cursor);
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const account = await accountOf(tx, ctx.teamId, accountId);
      const rows = await readRows(tx, ctx.teamId, account.id, after, limit + 1);
      const [count] = await tx.$queryRaw<Array<{ total: number }>>`SELECT n.total FROM (${removedCountsSql(ctx.teamId, account.id)}) n`;
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        account: { id: account.id, label: account.label, timeZone: account.timeZone },
        items: page.map(toPerson),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
        total: count?.total ?? 0,
      };
    },
    { interactive: true },
  );
}

const CSV_HEADER = ["name", "position", "company", "profile_url", "status", "removed_at", "removed_by", "verified_at"];

/**
 * The whole list as CSV (safe-csv: formula-safe), for the "Removed people" download: at most
 * 30,000 rows (an account's whole network), read in keyset batches inside one team transaction
 * so the file is one consistent snapshot. profile_url is the export's URL as it was (the list's
 * reconnect link is the guided one).
 */
export async function removedPeopleCsv(ctx: TTeamContext, accountId: string): Promise<{ fileName: string; csv: string }> {
  return withTeam(ctx.teamId, async (tx) => {
    const account = await accountOf(tx, ctx.teamId, accountId);
    const chunks: string[] = [CSV_BOM + csvRecords([CSV_HEADER])];
    let after: TAfter | null = null;
    for (let written = 0; written < REMOVED_CSV_MAX; ) {
      const rows = await readRows(tx, ctx.teamId, account.id, after, Math.min(CSV_BATCH, REMOVED_CSV_MAX - written));
      if (rows.length === 0) break;
      chunks.push(
        csvRecords(
          rows.map((r) => {
            const p = toPerson(r);
            return [p.name, p.position, p.company, r.profileUrl, p.status, p.removedAt, p.removedBy?.name ?? null, p.verifiedAt];
          }),
        ),
      );
      written += rows.length;
      const last = rows[rows.length - 1]!;
      after = { at: last.removedAt.toISOString(), id: last.outcomeId };
    }
    const date = localDateOf(new Date(), account.timeZone);
    return { fileName: `removed-${labelSlug(account.label)}-${date}.csv`, csv: chunks.join("") };
  }, { interactive: true });
}

/** The label as a file-name part; slugify's fallback for a label with no Latin letters or digits is "team", which would mislead here. */
function labelSlug(label: string): string {
  const slug = slugify(label);
  return slug === "team" && !/team/i.test(label) ? "account" : slug;
}
