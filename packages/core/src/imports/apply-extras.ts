import { copyRows, type TSqlClient } from "@crm/db";
import { acceptNowConnected, applyInvitations, type TInvitationsReport } from "./apply-invitations";
import type { TArchiveExtras } from "./read-upload";
import { verifyWithdrawals, type TWithdrawalsReport } from "./verify-withdrawals";

// What the archive's other files add to the account's connections. Each file present is the full
// history LinkedIn holds, so its values replace what an earlier archive said; a file that is
// absent (a plain Connections.csv upload) leaves them as they were.

export type TExtrasReport = {
  messages?: { rows: number; people: number; matched: number };
  endorsements?: { rows: number; endorsers: number; matched: number };
  recommendations?: { rows: number; matched: number; unmatched: number };
  /** With what the archive says about recorded withdrawals (verify-withdrawals.ts). */
  invitations?: TInvitationsReport & { withdrawals: TWithdrawalsReport };
  /** No Invitations.csv: pending invitations whose person this file shows connected (accepted). */
  invitationsAccepted?: { accepted: number; withdrawals: TWithdrawalsReport };
};

type TIds = { teamId: string; accountId: string; importId: string };

async function applyMessages(client: TSqlClient, ids: TIds, m: NonNullable<TArchiveExtras["messages"]>) {
  await client.query("CREATE TEMP TABLE msg (key text, by_name boolean, last_at timestamptz, n int) ON COMMIT DROP");
  await copyRows(client, "msg", ["key", "by_name", "last_at", "n"], [
    ...[...m.byKey].map(([k, v]) => [k, false, v.lastAt, v.count]),
    ...[...m.byName].map(([k, v]) => [k, true, v.lastAt, v.count]),
  ]);
  await client.query("ANALYZE msg"); // see apply-connections: temp tables have no statistics otherwise
  // By profile URL first; by name only for people whose name is unique in the account and whom
  // no URL matched (messages.csv before 2023 has no recipient URLs).
  const { rows } = await client.query<{ matched: number }>(
    `WITH target AS (
       SELECT c.id, coalesce(u.last_at, nm.last_at) AS last_at, coalesce(u.n, nm.n, 0) AS n
         FROM "Connection" c
         LEFT JOIN msg u ON NOT u.by_name AND u.key = c."identityKey"
         LEFT JOIN msg nm ON nm.by_name AND nm.key = c."nameKey"
              AND NOT EXISTS (SELECT 1 FROM "Connection" o WHERE o."teamId" = c."teamId" AND o."accountId" = c."accountId"
                               AND o."nameKey" = c."nameKey" AND o.id <> c.id)
        WHERE c."teamId" = $1 AND c."accountId" = $2),
     upd AS (
       UPDATE "Connection" c SET "lastInteractionAt" = t.last_at, "messageCount" = t.n, "updatedAt" = now()
         FROM target t
        WHERE c.id = t.id AND c."teamId" = $1
          AND (c."lastInteractionAt" IS DISTINCT FROM t.last_at OR c."messageCount" <> t.n)
       RETURNING 1)
     SELECT count(*) FILTER (WHERE n > 0)::int AS matched FROM target`,
    [ids.teamId, ids.accountId],
  );
  // Messages sent (drafts and rejected rows are not messages) and the people in them, each once.
  return { rows: m.counted, people: m.people, matched: rows[0]!.matched };
}

async function applyEndorsements(client: TSqlClient, ids: TIds, e: NonNullable<TArchiveExtras["endorsements"]>) {
  await client.query("CREATE TEMP TABLE endorse (key text PRIMARY KEY, n int) ON COMMIT DROP");
  await copyRows(client, "endorse", ["key", "n"], [...e.endorsers].map(([k, v]) => [k, v.count]));
  await client.query("ANALYZE endorse"); // see apply-connections: temp tables have no statistics otherwise
  const { rows } = await client.query<{ matched: number }>(
    `WITH target AS (
       SELECT c.id, coalesce(x.n, 0) AS n FROM "Connection" c LEFT JOIN endorse x ON x.key = c."identityKey"
        WHERE c."teamId" = $1 AND c."accountId" = $2),
     upd AS (
       UPDATE "Connection" c SET "endorsedMe" = t.n > 0, "endorsementCount" = t.n, "updatedAt" = now()
         FROM target t WHERE c.id = t.id AND c."teamId" = $1 AND c."endorsementCount" <> t.n
       RETURNING 1)
     SELECT count(*) FILTER (WHERE n > 0)::int AS matched FROM target`,
    [ids.teamId, ids.accountId],
  );
  return { rows: e.rows, endorsers: e.endorsers.size, matched: rows[0]!.matched };
}

async function applyRecommendations(client: TSqlClient, ids: TIds, r: NonNullable<TArchiveExtras["recommendations"]>) {
  await client.query("CREATE TEMP TABLE reco (name_key text, company text) ON COMMIT DROP");
  await copyRows(client, "reco", ["name_key", "company"], r.rows.map((x) => [x.nameKey, x.company?.toLowerCase() ?? null]));
  await client.query("ANALYZE reco"); // see apply-connections: temp tables have no statistics otherwise
  // No URL in this file: match by name, and by company too when the name is not unique.
  const { rows } = await client.query<{ matched: number; recommenders: number }>(
    `WITH cand AS (
       SELECT c.id, x.name_key, x.company,
              count(*) OVER (PARTITION BY x.name_key, x.company) AS by_name,
              bool_or(lower(c.company) = x.company) OVER (PARTITION BY x.name_key, x.company) AS company_known,
              lower(c.company) = x.company AS same_company
         FROM reco x JOIN "Connection" c ON c."teamId" = $1 AND c."accountId" = $2 AND c."nameKey" = x.name_key),
     hit AS (SELECT DISTINCT id FROM cand WHERE by_name = 1 OR (company_known AND same_company)),
     upd AS (
       UPDATE "Connection" c SET "recommendedMe" = c.id IN (SELECT id FROM hit), "updatedAt" = now()
        WHERE c."teamId" = $1 AND c."accountId" = $2 AND c."recommendedMe" <> (c.id IN (SELECT id FROM hit))
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM hit) AS matched, (SELECT count(DISTINCT (name_key, company))::int FROM reco) AS recommenders`,
    [ids.teamId, ids.accountId],
  );
  const { matched, recommenders } = rows[0]!;
  return { rows: r.rows.length, matched, unmatched: Math.max(0, recommenders - matched) };
}

export async function applyExtras(client: TSqlClient, ids: TIds, x: TArchiveExtras): Promise<TExtrasReport> {
  const report: TExtrasReport = {};
  if (x.messages) report.messages = await applyMessages(client, ids, x.messages);
  if (x.endorsements) report.endorsements = await applyEndorsements(client, ids, x.endorsements);
  if (x.recommendations) report.recommendations = await applyRecommendations(client, ids, x.recommendations);
  // Only an archive with Invitations.csv changes invitations (a plain Connections.csv says nothing
  // about them); the withdrawals recorded against them are checked in the same transaction.
  if (x.invitations) {
    const invitations = await applyInvitations(client, ids, x.invitations);
    report.invitations = { ...invitations, withdrawals: await verifyWithdrawals(client, ids) };
  } else {
    // Verification then only confirms (accepted) and closes: no row of this import can contradict.
    const accepted = await acceptNowConnected(client, ids);
    if (accepted > 0) report.invitationsAccepted = { accepted, withdrawals: await verifyWithdrawals(client, ids) };
  }
  return report;
}
