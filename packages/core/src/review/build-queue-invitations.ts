import type { TSqlClient } from "@crm/db";
import { localDateOf } from "../removals/local-day";
import type { TBuildScope } from "./build-queue-load";
import { invitationCloseReason, invitationQualifies, staleInvitationText, type TInvitationCandidate, type TQueueRules } from "./queue-rules";
import type { TQueueBuildResult } from "./types";

// The build's withdraw step (docs/decisions/0013): outgoing invitations still pending after
// `withdrawAfterDays` become WITHDRAW_INVITATION items (invitationId set, no connection). Same
// contract as the connection rules (build-queue.ts): load compactly, decide in process, write only
// the difference, every write re-checking its conditions so a vote cast meanwhile wins. An account
// has at most a few thousand outgoing invitations (LinkedIn caps them), so arrays suffice here
// where the connection step needs temp tables.
//
// Two rules beyond the connection step's (0013): an item whose invitation is no longer pending
// closes even when someone voted (there is nothing left to withdraw), and a settled item (DONE or
// CLOSED) whose invitation was sent again after it settled is a new invitation: it comes back as a
// new round once that invitation is itself older than the threshold.

const RULES = ["stale_invitation"];
const RULES_TEXT = RULES.join(",");
const NOW_UTC = `($2::timestamptz AT TIME ZONE 'UTC')`;

type TRow = {
  id: string;
  a: string;
  dir: string;
  st: TInvitationCandidate["status"];
  s: number | null; // sentAt, epoch ms (UTC)
  m: boolean;
  item: string | null;
  ist: string | null;
  origin: string | null;
  v: number | null;
  r: string | null;
  d: string | null;
  renew: boolean | null;
  /** The invitation was sent after the item settled (withdrawn, accepted then removed, closed): a re-invitation. */
  reinv: boolean | null;
  /** When an import first showed the current status (epoch ms), and the account's zone, for "your export of <date>". */
  chg: number | null;
  tz: string | null;
};

/**
 * A pending invitation sent after its item settled: after the withdrawal was done, the decision
 * taken or the item closed (GREATEST skips nulls; none of them set → not a re-invitation).
 */
const REINVITED = `(p.status = 'PENDING' AND p."sentAt" > GREATEST(i."executedAt", i."decidedAt", i."closedAt"))`;

/** Why an item whose invitation is no longer pending closes: "No longer pending in your export of 2026-12-01". */
function mootReason(r: TRow, inv: TInvitationCandidate, rules: TQueueRules): string {
  if (inv.status === "GONE" && r.chg !== null) return `No longer pending in your export of ${localDateOf(new Date(r.chg), r.tz ?? "UTC")}`;
  return invitationCloseReason(inv, rules);
}

/** The scope's outgoing invitations (and any invitation that has an item), each with its item in compact form. */
async function loadInvitations(client: TSqlClient, scope: TBuildScope, now: Date): Promise<TRow[]> {
  const { rows } = await client.query<TRow>(
    `SELECT p.id, p."accountId" AS a, p.direction AS dir, p.status::text AS st,
            (extract(epoch FROM p."sentAt") * 1000)::float8 AS s,
            (p.message IS NOT NULL AND btrim(p.message) <> '') AS m,
            i.id AS item, i.state::text AS ist, i.origin, i."voteCount" AS v, array_to_string(i.rules, ',') AS r, i."ruleDetail"::text AS d,
            (i.state = 'DONE' AND i."executedAt" IS NULL AND i.decision = 'KEEP' AND i."keepUntil" <= ($3::timestamptz AT TIME ZONE 'UTC')) AS renew,
            (i.state IN ('DONE', 'CLOSED') AND ${REINVITED}) AS reinv,
            (extract(epoch FROM p."statusChangedAt") * 1000)::float8 AS chg, la."timeZone" AS tz
       FROM "PendingInvitation" p
       JOIN "LinkedInAccount" la ON la.id = p."accountId" AND la."teamId" = p."teamId"
       LEFT JOIN "ReviewItem" i ON i."teamId" = p."teamId" AND i."invitationId" = p.id
      WHERE p."teamId" = $1 AND ($2::text IS NULL OR p."accountId" = $2)
        AND ((p.direction = 'OUTGOING' AND p.status = 'PENDING') OR i.id IS NOT NULL)`,
    [scope.teamId, scope.accountId, now.toISOString()],
  );
  return rows;
}

/** The jsonb text Postgres prints for {"stale_invitation": text} (compared with the stored detail). */
const detailText = (text: string) => `{"stale_invitation": ${JSON.stringify(text)}}`;

type TCounts = Pick<TQueueBuildResult, "opened" | "updated" | "closed" | "reopened">;

export async function buildInvitationItems(client: TSqlClient, scope: TBuildScope, rules: TQueueRules, now: Date): Promise<TCounts> {
  const rows = await loadInvitations(client, scope, now);
  const insert: Array<[string, string, string]> = []; // invitation id, account id, detail
  const update: Array<[string, string]> = []; // item id, detail
  const reopenClosed: Array<[string, string]> = [];
  const renew: Array<[string, string]> = [];
  const reinvited: Array<[string, string]> = [];
  const close: Array<[string, string, boolean]> = []; // item id, reason, moot (the invitation is no longer pending)
  for (const r of rows) {
    const inv: TInvitationCandidate = { status: r.st, direction: r.dir, sentAt: r.s === null ? null : new Date(r.s), hasMessage: r.m };
    const untouched = r.origin === "rule" && r.v === 0;
    if (invitationQualifies(inv, rules, now)) {
      const detail = detailText(staleInvitationText(inv.sentAt!, inv.hasMessage));
      if (r.item === null) insert.push([r.id, r.a, detail]);
      else if (r.reinv) reinvited.push([r.item, detail]);
      else if (r.ist === "OPEN" && untouched && (r.r !== RULES_TEXT || r.d !== detail)) update.push([r.item, detail]);
      else if (r.ist === "CLOSED" && untouched) reopenClosed.push([r.item, detail]);
      else if (r.ist === "DONE" && r.renew) renew.push([r.item, detail]);
      continue;
    }
    if (r.item === null) continue;
    // Nothing left to withdraw (accepted or gone): an open or snoozed item closes whatever the votes
    // say, since approving it could only send the owner to withdraw what is not there.
    if ((r.ist === "OPEN" || r.ist === "SNOOZED") && inv.status !== "PENDING") {
      close.push([r.item, mootReason(r, inv, rules), true]);
      continue;
    }
    // Still pending but no longer qualifying: an untouched open rule item follows the rules; a
    // snoozed or voted one stays (a raised threshold does not overrule someone's snooze or vote).
    if (r.ist === "OPEN" && untouched) close.push([r.item, invitationCloseReason(inv, rules), false]);
  }
  if (insert.length + update.length + reopenClosed.length + renew.length + reinvited.length + close.length === 0) return { opened: 0, updated: 0, closed: 0, reopened: 0 };
  const p = [scope.teamId, now.toISOString()];
  const col = <T>(list: T[][], i: number) => list.map((x) => x[i]);

  const updated = update.length === 0 ? null : await client.query(
    `UPDATE "ReviewItem" i
        SET rules = $5::text[], "ruleDetail" = w.detail::jsonb,
            version = i.version + CASE WHEN i.rules IS DISTINCT FROM $5::text[] THEN 1 ELSE 0 END, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[]) AS w(item_id, detail)
      WHERE i.id = w.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION'
        AND i.state = 'OPEN' AND i.origin = 'rule' AND i."voteCount" = 0`,
    [...p, col(update, 0), col(update, 1), RULES],
  );
  const reopened1 = reopenClosed.length === 0 ? null : await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'OPEN', rules = $5::text[], "ruleDetail" = w.detail::jsonb, "closedReason" = NULL, "closedAt" = NULL,
            "claimedById" = NULL, "claimExpiresAt" = NULL, version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[]) AS w(item_id, detail)
      WHERE i.id = w.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION'
        AND i.state = 'CLOSED' AND i.origin = 'rule' AND i."voteCount" = 0`,
    [...p, col(reopenClosed, 0), col(reopenClosed, 1), RULES],
  );
  // "Keep waiting" lasts keepUntil: then the invitation comes back as a new round (old votes stay under theirs).
  const reopened2 = renew.length === 0 ? null : await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'OPEN', round = i.round + 1, origin = 'rule', rules = $5::text[], "ruleDetail" = w.detail::jsonb,
            reason = NULL, "addedById" = NULL, "protectedLoss" = '{}', "voteCount" = 0,
            decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL, "keepUntil" = NULL,
            "snoozedUntil" = NULL, "closedReason" = NULL, "closedAt" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[]) AS w(item_id, detail)
      WHERE i.id = w.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION'
        AND i.state = 'DONE' AND i."executedAt" IS NULL AND i.decision = 'KEEP'
        AND i."keepUntil" IS NOT NULL AND i."keepUntil" <= ${NOW_UTC}`,
    [...p, col(renew, 0), col(renew, 1), RULES],
  );
  // A re-invitation is a new invitation: a new round as for the renewal above. The old round's live
  // outcome is released, not superseded: that withdrawal (or acceptance) did happen and still counts.
  const reopened3 = reinvited.length === 0 ? null : await client.query<{ n: number }>(
    `WITH it AS (
       UPDATE "ReviewItem" i
          SET state = 'OPEN', round = i.round + 1, origin = 'rule', rules = $5::text[], "ruleDetail" = w.detail::jsonb,
              reason = NULL, "addedById" = NULL, "protectedLoss" = '{}', "voteCount" = 0,
              decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL, "keepUntil" = NULL,
              "snoozedUntil" = NULL, "executedAt" = NULL, "retryNote" = NULL, "closedReason" = NULL, "closedAt" = NULL,
              "plannedOn" = NULL, "planRank" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
              version = i.version + 1, "updatedAt" = ${NOW_UTC}
         FROM unnest($3::text[], $4::text[]) AS w(item_id, detail), "PendingInvitation" p
        WHERE i.id = w.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION' AND i.state IN ('DONE', 'CLOSED')
          AND p.id = i."invitationId" AND p."teamId" = $1 AND ${REINVITED}
       RETURNING i.id),
     released AS (
       UPDATE "WithdrawalOutcome" o SET "liveFor" = NULL
         FROM it WHERE o."teamId" = $1 AND o."liveFor" = it.id)
     SELECT count(*)::int AS n FROM it`,
    [...p, col(reinvited, 0), col(reinvited, 1), RULES],
  );
  // The invitation must still be pending and the account's when the row is written.
  const opened = insert.length === 0 ? null : await client.query(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "invitationId", "accountId", kind, state, origin, rules, "ruleDetail", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, NULL, w.inv_id, p."accountId", 'WITHDRAW_INVITATION', 'OPEN', 'rule', $6::text[], w.detail::jsonb, ${NOW_UTC}, ${NOW_UTC}
       FROM unnest($3::text[], $4::text[], $5::text[]) AS w(inv_id, account_id, detail)
       JOIN "PendingInvitation" p ON p.id = w.inv_id AND p."teamId" = $1 AND p."accountId" = w.account_id
      WHERE p.status = 'PENDING' AND p.direction = 'OUTGOING'
     ON CONFLICT ("teamId", "invitationId") DO NOTHING`,
    [...p, col(insert, 0), col(insert, 1), col(insert, 2), RULES],
  );
  // Moot: open or snoozed, votes or not, while the invitation is still not pending. Otherwise only
  // an untouched open rule item.
  const closed = close.length === 0 ? null : await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'CLOSED', "closedReason" = c.reason, "closedAt" = ${NOW_UTC}, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[], $5::boolean[]) AS c(item_id, reason, moot)
      WHERE i.id = c.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION'
        AND CASE WHEN c.moot
                 THEN i.state IN ('OPEN', 'SNOOZED') AND EXISTS (
                        SELECT 1 FROM "PendingInvitation" p WHERE p.id = i."invitationId" AND p."teamId" = $1 AND p.status <> 'PENDING')
                 ELSE i.state = 'OPEN' AND i.origin = 'rule' AND i."voteCount" = 0 END`,
    [...p, col(close, 0), col(close, 1), col(close, 2)],
  );
  return {
    opened: opened?.rowCount ?? 0,
    updated: updated?.rowCount ?? 0,
    closed: closed?.rowCount ?? 0,
    reopened: (reopened1?.rowCount ?? 0) + (reopened2?.rowCount ?? 0) + (reopened3?.rows[0]?.n ?? 0),
  };
}
