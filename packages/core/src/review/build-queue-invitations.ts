import type { TSqlClient } from "@crm/db";
import type { TBuildScope } from "./build-queue-load";
import { invitationCloseReason, invitationQualifies, staleInvitationText, type TInvitationCandidate, type TQueueRules } from "./queue-rules";
import type { TQueueBuildResult } from "./types";

// The build's withdraw step (docs/decisions/0013): outgoing invitations still pending after
// `withdrawAfterDays` become WITHDRAW_INVITATION items (invitationId set, no connection). Same
// contract as the connection rules (build-queue.ts): load compactly, decide in process, write only
// the difference, every write re-checking its conditions so a vote cast meanwhile wins. An account
// has at most a few thousand outgoing invitations (LinkedIn caps them), so arrays suffice here
// where the connection step needs temp tables.

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
};

/** The scope's outgoing invitations (and any invitation that has an item), each with its item in compact form. */
async function loadInvitations(client: TSqlClient, scope: TBuildScope, now: Date): Promise<TRow[]> {
  const { rows } = await client.query<TRow>(
    `SELECT p.id, p."accountId" AS a, p.direction AS dir, p.status::text AS st,
            (extract(epoch FROM p."sentAt") * 1000)::float8 AS s,
            (p.message IS NOT NULL AND btrim(p.message) <> '') AS m,
            i.id AS item, i.state::text AS ist, i.origin, i."voteCount" AS v, array_to_string(i.rules, ',') AS r, i."ruleDetail"::text AS d,
            (i.state = 'DONE' AND i."executedAt" IS NULL AND i.decision = 'KEEP' AND i."keepUntil" <= ($3::timestamptz AT TIME ZONE 'UTC')) AS renew
       FROM "PendingInvitation" p
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
  const close: Array<[string, string]> = []; // item id, reason
  for (const r of rows) {
    const inv: TInvitationCandidate = { status: r.st, direction: r.dir, sentAt: r.s === null ? null : new Date(r.s), hasMessage: r.m };
    const untouched = r.origin === "rule" && r.v === 0;
    if (invitationQualifies(inv, rules, now)) {
      const detail = detailText(staleInvitationText(inv.sentAt!, inv.hasMessage));
      if (r.item === null) insert.push([r.id, r.a, detail]);
      else if (r.ist === "OPEN" && untouched && (r.r !== RULES_TEXT || r.d !== detail)) update.push([r.item, detail]);
      else if (r.ist === "CLOSED" && untouched) reopenClosed.push([r.item, detail]);
      else if (r.ist === "DONE" && r.renew) renew.push([r.item, detail]);
      continue;
    }
    if (r.item === null || r.v !== 0) continue;
    // An open rule item follows the rules; a snoozed one closes only when there is nothing left to
    // withdraw (accepted or gone): a raised threshold does not overrule someone's snooze.
    if ((r.ist === "OPEN" && r.origin === "rule") || (r.ist === "SNOOZED" && inv.status !== "PENDING")) {
      close.push([r.item, invitationCloseReason(inv, rules)]);
    }
  }
  if (insert.length + update.length + reopenClosed.length + renew.length + close.length === 0) return { opened: 0, updated: 0, closed: 0, reopened: 0 };
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
  const closed = close.length === 0 ? null : await client.query(
    `UPDATE "ReviewItem" i
        SET state = 'CLOSED', "closedReason" = c.reason, "closedAt" = ${NOW_UTC}, "claimedById" = NULL, "claimExpiresAt" = NULL,
            version = i.version + 1, "updatedAt" = ${NOW_UTC}
       FROM unnest($3::text[], $4::text[]) AS c(item_id, reason)
      WHERE i.id = c.item_id AND i."teamId" = $1 AND i.kind = 'WITHDRAW_INVITATION' AND i."voteCount" = 0
        AND ((i.state = 'OPEN' AND i.origin = 'rule') OR i.state = 'SNOOZED')`,
    [...p, col(close, 0), col(close, 1)],
  );
  return {
    opened: opened?.rowCount ?? 0,
    updated: updated?.rowCount ?? 0,
    closed: closed?.rowCount ?? 0,
    reopened: (reopened1?.rowCount ?? 0) + (reopened2?.rowCount ?? 0),
  };
}
