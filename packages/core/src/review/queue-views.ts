import { Prisma, type TRawTx } from "@crm/db";
import { invalid, notFound } from "../errors";
import { QUEUE_VIEWS, REVIEW_KIND_CODES, REVIEW_STATE_CODES, type TQueueView, type TReviewKindCode, type TReviewStateCode } from "./types";
import { toEnum } from "./codes";

// The queue page's views as SQL over "ReviewItem" i, shared by counts, lists, claims and Today so
// a count and the list behind it can never disagree.

const sql = Prisma.sql;
/** Timestamps are stored as UTC "timestamp without time zone" (Prisma's way): compare in UTC. */
export const NOW_UTC = sql`(now() AT TIME ZONE 'UTC')`;
export const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Snoozed items whose date passed are open again. Woken lazily, inside the reader's team
 * transaction, before anything counts, lists or claims: no job has to run on the date. A
 * concurrent waker of the same rows blocks briefly, then finds them OPEN and skips them.
 */
export async function wakeSnoozed(tx: TRawTx, teamId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "ReviewItem" SET state = 'OPEN', "updatedAt" = now()
     WHERE "teamId" = ${teamId} AND state = 'SNOOZED' AND "snoozedUntil" <= ${NOW_UTC}`;
}

/** No vote of `userId` in the item's current round (the ReviewVote (itemId, round, userId) index). */
export const notVotedBySql = (userId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM "ReviewVote" v WHERE v."itemId" = i.id AND v.round = i.round AND v."userId" = ${userId})`;

/**
 * The same test as a scalar subquery, which the planner cannot turn into a join: one probe of that
 * unique index per item walked. For the claim, which walks a few items under a generic plan: as
 * NOT EXISTS, the generic plan (which guesses one vote per reviewer) read all of the reviewer's
 * votes into a join for every claim.
 */
const notVotedByProbeSql = (userId: string) =>
  sql`(SELECT true FROM "ReviewVote" v WHERE v."itemId" = i.id AND v.round = i.round AND v."userId" = ${userId} LIMIT 1) IS NULL`;

export function viewSql(view: TQueueView, userId: string, opts: { probeVotes?: boolean } = {}): Prisma.Sql {
  switch (view) {
    case "needs_my_vote":
      return sql`i.state = 'OPEN' AND ${opts.probeVotes ? notVotedByProbeSql(userId) : notVotedBySql(userId)}`;
    case "waiting_for_owner":
      return sql`i.state = 'OPEN' AND i."voteCount" > 0`;
    case "approved":
      return sql`i.state = 'APPROVED'`;
    case "snoozed":
      return sql`i.state = 'SNOOZED'`;
    case "done":
      return sql`i.state IN ('DONE', 'CLOSED')`;
  }
}

export function parseView(raw: unknown, fallback?: TQueueView): TQueueView | undefined {
  if (raw === undefined || raw === null || raw === "") return fallback;
  if (typeof raw === "string" && (QUEUE_VIEWS as readonly string[]).includes(raw)) return raw as TQueueView;
  throw invalid("view", `Choose a view: ${QUEUE_VIEWS.join(", ")}.`);
}

export function parseKind(raw: unknown): TReviewKindCode | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw === "string" && (REVIEW_KIND_CODES as readonly string[]).includes(raw)) return raw as TReviewKindCode;
  throw invalid("kind", `Choose a kind: ${REVIEW_KIND_CODES.join(", ")}.`);
}

export function parseState(raw: unknown): TReviewStateCode | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw === "string" && (REVIEW_STATE_CODES as readonly string[]).includes(raw)) return raw as TReviewStateCode;
  throw invalid("state", `Choose a state: ${REVIEW_STATE_CODES.join(", ")}.`);
}

export const kindSql = (kind: TReviewKindCode) => sql`i.kind = ${toEnum(kind)}::"ReviewKind"`;
export const stateSql = (state: TReviewStateCode) => sql`i.state = ${toEnum(state)}::"ReviewState"`;

/** The account must be the team's: an unknown id, or another team's, is a 404. */
export async function assertAccount(tx: TRawTx, teamId: string, accountId: unknown): Promise<string | undefined> {
  if (accountId === undefined || accountId === null || accountId === "") return undefined;
  if (typeof accountId !== "string" || !ITEM_ID.test(accountId)) throw notFound("This LinkedIn account");
  const [found] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "LinkedInAccount" WHERE id = ${accountId} AND "teamId" = ${teamId}`;
  if (!found) throw notFound("This LinkedIn account");
  return accountId;
}
