import { copyRows, type TSqlClient } from "@crm/db";
import { nameKey, type TInvitationPerson, type TInvitationRow } from "@crm/importer";
import type { TArchiveExtras } from "./read-upload";

// Invitations.csv → the account's stable invitation rows (docs/decisions/0013). One row per
// direction and other party, kept across imports: withdrawals are recorded against these rows and
// verified by the next archive, so an import updates them instead of rewriting a snapshot.
// The file has no pending flag: an invitation is pending while its other party is not a connection.
// Everything is set-based (temp tables + COPY): an account with 30,000 connections can have
// thousands of invitations. Times are the transaction's now(), the clock the import row uses.

type TIds = { teamId: string; accountId: string; importId: string };

export type TInvitationsReport = {
  /** Data rows of the file (rejected ones included, as the other side files count them). */
  rows: number;
  /** Invitations the file lists that are pending (the other party is not a connection). */
  pending: number;
  /** Invitations seen for the first time. */
  new: number;
  /** Invitations this import found accepted that were pending or gone before. */
  accepted: number;
  /** Pending invitations the file no longer lists (withdrawn, declined or expired). */
  gone: number;
  /** Invitations keyed by name in an older archive that this one lists with a profile URL (same row kept). */
  rekeyed: number;
  /** Rows the file has but could not be read; their invitations were left as they were. */
  rejectedKept: number;
  /**
   * True when a rejected row could not even be tied to a person: then no invitation can be said to be
   * "no longer listed", so none was marked gone or accepted by absence (the next archive will).
   */
  unlistedSkipped: boolean;
};

/** The other party's key: their profile URL key, else their name (files before 2024 have no URLs). */
export function invitationPersonKey(r: Pick<TInvitationRow, "identityKey" | "name">): string {
  return r.identityKey ?? `name:${nameKey(r.name, "")}`;
}

/** One invitation per direction and person: a file listing someone twice keeps the latest sent. */
export function latestPerPerson(rows: TInvitationRow[]): Array<TInvitationRow & { personKey: string }> {
  const byKey = new Map<string, TInvitationRow & { personKey: string }>();
  for (const r of rows) {
    const personKey = invitationPersonKey(r);
    const k = `${r.direction}\u0000${personKey}`;
    const seen = byKey.get(k);
    // Undated loses to dated; on a tie the later line wins (the file is in sending order).
    if (!seen || (r.sentAt?.getTime() ?? -Infinity) >= (seen.sentAt?.getTime() ?? -Infinity)) byKey.set(k, { ...r, personKey });
  }
  return [...byKey.values()];
}

const CONNECTED = `c."teamId" = $1 AND c."accountId" = $2 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')`;

/**
 * Sets `connected` on a temp table's rows whose other party is a connection of the account: by
 * profile URL, or by name when the invitation has none. Two joins rather than one OR, so that each
 * can use its own plan (the identity index; a hash join on the name).
 */
async function markConnected(client: TSqlClient, table: string, ids: TIds) {
  await client.query(
    `UPDATE ${table} x SET connected = true FROM "Connection" c WHERE ${CONNECTED} AND c."identityKey" = x.identity_key`,
    [ids.teamId, ids.accountId],
  );
  await client.query(
    `UPDATE ${table} x SET connected = true FROM "Connection" c
      WHERE ${CONNECTED} AND x.identity_key IS NULL AND NOT x.connected AND c."nameKey" = x.name_key`,
    [ids.teamId, ids.accountId],
  );
}

// A listed invitation is PENDING unless its other party is a connection (ACCEPTED). One exception:
// an ACCEPTED row listed again with no newer sentAt stays ACCEPTED: that is the invitation they
// accepted, and the owner has removed them since; only a newer one (a re-invite) is pending again.
const NEXT_STATUS = `CASE WHEN p.status = 'ACCEPTED' AND EXCLUDED.status = 'PENDING' AND NOT coalesce(EXCLUDED."sentAt" > p."sentAt", false)
                          THEN 'ACCEPTED'::"InvitationStatus" ELSE EXCLUDED.status END`;

export async function applyInvitations(client: TSqlClient, ids: TIds, inv: NonNullable<TArchiveExtras["invitations"]>): Promise<TInvitationsReport> {
  await client.query(
    `CREATE TEMP TABLE inv (direction text, person_key text, name text, name_key text, profile_url text, identity_key text,
                            sent_at timestamptz, message text, connected boolean NOT NULL DEFAULT false) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    "inv",
    ["direction", "person_key", "name", "name_key", "profile_url", "identity_key", "sent_at", "message"],
    latestPerPerson(inv.rows).map((x) => [x.direction, x.personKey, x.name, nameKey(x.name, ""), x.profileUrl, x.identityKey, x.sentAt, x.message]),
  );
  await client.query("ANALYZE inv"); // see apply-connections: temp tables have no statistics otherwise
  await markConnected(client, "inv", ids);
  const rekeyed = await rekeyByName(client, ids);

  // Listed invitations: insert or refresh from the file. `prev` reads the rows as they were before
  // this statement (a CTE sees the statement's starting snapshot), for the counts.
  const { rows: listed } = await client.query<{ pending: number; new: number; accepted: number }>(
    `WITH prev AS (
       SELECT p.direction, p."personKey", p.status FROM "PendingInvitation" p
         JOIN inv i ON i.direction = p.direction AND i.person_key = p."personKey"
        WHERE p."teamId" = $1 AND p."accountId" = $2),
     up AS (
       INSERT INTO "PendingInvitation" AS p (id, "teamId", "accountId", "importId", direction, name, "profileUrl", "identityKey", "sentAt", message,
                                             "personKey", status, "firstSeenAt", "lastSeenAt", "statusChangedAt")
       SELECT gen_random_uuid()::text, $1, $2, $3, i.direction, i.name, i.profile_url, i.identity_key, i.sent_at, i.message, i.person_key,
              CASE WHEN i.connected THEN 'ACCEPTED'::"InvitationStatus" ELSE 'PENDING'::"InvitationStatus" END,
              now(), now(), CASE WHEN i.connected THEN now() END
         FROM inv i
       ON CONFLICT ("teamId", "accountId", direction, "personKey") DO UPDATE
          SET "importId" = EXCLUDED."importId", name = EXCLUDED.name, "profileUrl" = EXCLUDED."profileUrl",
              "identityKey" = EXCLUDED."identityKey", "sentAt" = EXCLUDED."sentAt", message = EXCLUDED.message,
              "lastSeenAt" = EXCLUDED."lastSeenAt", status = ${NEXT_STATUS},
              "statusChangedAt" = CASE WHEN p.status = ${NEXT_STATUS} THEN p."statusChangedAt" ELSE EXCLUDED."lastSeenAt" END
       RETURNING p.direction, p."personKey", p.status)
     SELECT count(*) FILTER (WHERE up.status = 'PENDING')::int AS pending,
            count(*) FILTER (WHERE prev.status IS NULL)::int AS new,
            count(*) FILTER (WHERE up.status = 'ACCEPTED' AND prev.status <> 'ACCEPTED')::int AS accepted
       FROM up LEFT JOIN prev ON prev.direction = up.direction AND prev."personKey" = up."personKey"`,
    [ids.teamId, ids.accountId, ids.importId],
  );

  const unlisted = inv.unkeyedRejected > 0 ? { accepted: 0, gone: 0, kept: 0 } : await markUnlisted(client, ids, inv.rejectedPeople);
  const l = listed[0]!;
  return {
    rows: inv.total, pending: l.pending, new: l.new, accepted: l.accepted + unlisted.accepted, gone: unlisted.gone,
    rekeyed, rejectedKept: unlisted.kept, unlistedSkipped: inv.unkeyedRejected > 0,
  };
}

/**
 * An archive before 2024 (or the URN variant) keys a person by name; a later one lists the same
 * invitation with a profile URL. Without this, the name row would be "no longer listed" (gone, and a
 * withdrawal recorded on it falsely verified) beside a new URL row. A name row becomes the URL row in
 * place (id, withdrawnAt, items and outcomes stay) when exactly one listed row of that direction has
 * that name and a URL, the file has no URL-less row of that name, no row has that URL key yet, and
 * the dates agree (within a day: the layouts write them differently), or one of them is missing.
 */
async function rekeyByName(client: TSqlClient, ids: TIds): Promise<number> {
  const { rowCount } = await client.query(
    `WITH cand AS (
       SELECT i.direction, i.name_key, min(i.person_key) AS person_key, min(i.identity_key) AS identity_key,
              min(i.profile_url) AS profile_url, min(i.sent_at) AS sent_at
         FROM inv i
        WHERE i.identity_key IS NOT NULL AND i.name_key <> ''
        GROUP BY i.direction, i.name_key
       HAVING count(*) = 1)
     UPDATE "PendingInvitation" p
        SET "personKey" = c.person_key, "identityKey" = c.identity_key, "profileUrl" = c.profile_url
       FROM cand c
      WHERE p."teamId" = $1 AND p."accountId" = $2 AND p.direction = c.direction AND p."personKey" = 'name:' || c.name_key
        AND (p."sentAt" IS NULL OR c.sent_at IS NULL OR abs(extract(epoch FROM p."sentAt" - c.sent_at)) <= 86400)
        AND NOT EXISTS (SELECT 1 FROM inv n WHERE n.direction = c.direction AND n.person_key = 'name:' || c.name_key)
        AND NOT EXISTS (SELECT 1 FROM "PendingInvitation" q
                         WHERE q."teamId" = $1 AND q."accountId" = $2 AND q.direction = c.direction AND q."personKey" = c.person_key)`,
    [ids.teamId, ids.accountId],
  );
  return rowCount ?? 0;
}

/**
 * Not listed any more (every listed row now carries this import's id): accepted if the other party
 * is a connection now, else a pending one is gone. Accepted rows stay accepted. People of rows the
 * parser rejected are listed, just unreadable: their invitations stay as they are (`kept`).
 */
async function markUnlisted(client: TSqlClient, ids: TIds, rejectedPeople: TInvitationPerson[]) {
  await client.query(`CREATE TEMP TABLE inv_rejected (direction text, person_key text) ON COMMIT DROP`);
  await copyRows(client, "inv_rejected", ["direction", "person_key"], rejectedPeople.map((r) => [r.direction, r.personKey]));
  await client.query("ANALYZE inv_rejected");
  await client.query(
    `CREATE TEMP TABLE inv_unlisted ON COMMIT DROP AS
       SELECT p.id, p."identityKey" AS identity_key,
              CASE WHEN p."identityKey" IS NULL AND p."personKey" LIKE 'name:%' THEN substr(p."personKey", 6) END AS name_key,
              false AS connected,
              EXISTS (SELECT 1 FROM inv_rejected r WHERE r.direction = p.direction AND r.person_key = p."personKey") AS rejected
         FROM "PendingInvitation" p
        WHERE p."teamId" = $1 AND p."accountId" = $2 AND p."importId" <> $3 AND p.status <> 'ACCEPTED'`,
    [ids.teamId, ids.accountId, ids.importId],
  );
  await client.query("ANALYZE inv_unlisted");
  await markConnected(client, "inv_unlisted", ids);
  const { rows } = await client.query<{ accepted: number; gone: number; kept: number }>(
    `WITH ch AS (
       UPDATE "PendingInvitation" p
          SET status = CASE WHEN u.connected THEN 'ACCEPTED'::"InvitationStatus" ELSE 'GONE'::"InvitationStatus" END, "statusChangedAt" = now()
         FROM inv_unlisted u
        WHERE p.id = u.id AND p."teamId" = $1 AND p."accountId" = $2 AND NOT u.rejected AND (u.connected OR p.status = 'PENDING')
       RETURNING p.status)
     SELECT count(*) FILTER (WHERE status = 'ACCEPTED')::int AS accepted, count(*) FILTER (WHERE status = 'GONE')::int AS gone,
            (SELECT count(*) FROM inv_unlisted WHERE rejected)::int AS kept
       FROM ch`,
    [ids.teamId, ids.accountId],
  );
  return rows[0]!;
}

/**
 * An import without Invitations.csv (a plain connections file) cannot say an invitation was
 * withdrawn, but it does show who is a connection now: their pending invitations, matched by
 * profile (never by name alone), are accepted, so nobody proposes withdrawing an invitation the
 * person already accepted. Returns how many.
 */
export async function acceptNowConnected(client: TSqlClient, ids: TIds): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE "PendingInvitation" p SET status = 'ACCEPTED', "statusChangedAt" = now()
      WHERE p."teamId" = $1 AND p."accountId" = $2 AND p.status = 'PENDING' AND p."identityKey" IS NOT NULL
        AND EXISTS (SELECT 1 FROM "Connection" c
                     WHERE c."teamId" = $1 AND c."accountId" = $2 AND c."identityKey" = p."identityKey"
                       AND c.status IN ('CONNECTED', 'REMOVAL_PENDING'))`,
    [ids.teamId, ids.accountId],
  );
  return rowCount ?? 0;
}

