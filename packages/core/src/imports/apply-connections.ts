import { copyRows, type TSqlClient } from "@crm/db";
import type { TConnectionRow } from "@crm/importer";

// The diff of one export against the account's current connections, done set-based in Postgres:
// COPY the accepted rows into a temp table, classify every row with one join, then one INSERT,
// one UPDATE and one UPDATE-for-gone, each writing its ConnectionEvents in the same statement.

export type TDiffField = "profileUrl" | "email" | "company" | "position" | "connectedOn";
export type TDiffCounts = {
  new: number;
  updated: number;
  unchanged: number;
  jobChanges: number;
  gone: number;
  verifiedRemovals: number;
  stillConnected: number;
};

const COLUMN: Record<TDiffField | "firstName" | "lastName", { stage: string; conn: string }> = {
  profileUrl: { stage: "profile_url", conn: '"profileUrl"' },
  firstName: { stage: "first_name", conn: '"firstName"' },
  lastName: { stage: "last_name", conn: '"lastName"' },
  email: { stage: "email", conn: "email" },
  company: { stage: "company", conn: "company" },
  position: { stage: "position", conn: "position" },
  connectedOn: { stage: "connected_on", conn: '"connectedOn"' },
};

/**
 * A column the file does not have (HubSpot has no "Connected On") keeps its stored value instead
 * of being blanked: only what the file says is compared and written.
 */
function effective(present: ReadonlySet<string>) {
  return Object.fromEntries(
    Object.entries(COLUMN).map(([f, c]) => [f, f === "firstName" || f === "lastName" || present.has(f) ? `s.${c.stage}` : `c.${c.conn}`]),
  ) as Record<keyof typeof COLUMN, string>;
}

/** How long `jobChangedAt` (the table's "Job change", the filter, the "Changed job" flag) lasts. */
export const JOB_CHANGE_DAYS = 90;

export async function stageRows(client: TSqlClient, rows: TConnectionRow[], nameKey: (r: TConnectionRow) => string, keepKeys: string[]) {
  await client.query(`CREATE TEMP TABLE stage (
      line int, identity_key text PRIMARY KEY, name_key text, profile_url text, first_name text, last_name text,
      email text, company text, position text, connected_on date) ON COMMIT DROP`);
  await copyRows(
    client,
    "stage",
    ["line", "identity_key", "name_key", "profile_url", "first_name", "last_name", "email", "company", "position", "connected_on"],
    rows.map((r) => [r.line, r.identityKey, nameKey(r), r.profileUrl, r.firstName, r.lastName, r.email, r.company, r.position, r.connectedOn]),
  );
  // Rows rejected for a bad field still name a person we know: they are not "gone".
  await client.query("CREATE TEMP TABLE keep_keys (identity_key text) ON COMMIT DROP");
  await copyRows(client, "keep_keys", ["identity_key"], keepKeys.map((k) => [k]));
  // Temp tables have no statistics until analysed; without them the planner picks nested loops
  // over 30,000 × 30,000 rows for the anti-join that finds who is gone (a minute instead of 50 ms).
  await client.query("ANALYZE stage (identity_key, name_key)");
  await client.query("ANALYZE keep_keys");
}

export async function diffAndApply(
  client: TSqlClient,
  ids: { teamId: string; accountId: string; importId: string },
  present: ReadonlySet<TDiffField>,
  opts: { markGone: boolean },
): Promise<TDiffCounts> {
  const e = effective(present);
  const changed = (f: keyof typeof COLUMN) => `(${e[f]} IS DISTINCT FROM c.${COLUMN[f].conn})`;
  const anyChange = (Object.keys(COLUMN) as (keyof typeof COLUMN)[]).map(changed).join(" OR ");
  const p = [ids.teamId, ids.accountId, ids.importId];

  await client.query(
    `CREATE TEMP TABLE diff ON COMMIT DROP AS
     SELECT s.identity_key, s.name_key, c.id AS cid, c.status AS old_status,
            ${e.profileUrl} AS profile_url, ${e.firstName} AS first_name, ${e.lastName} AS last_name, ${e.email} AS email,
            ${e.company} AS company, ${e.position} AS position, ${e.connectedOn} AS connected_on,
            c.company AS old_company, c.position AS old_position,
            CASE WHEN c.id IS NULL THEN 'new'
                 WHEN c.status IN ('GONE', 'REMOVED') THEN 'reappeared'
                 WHEN ${anyChange} THEN 'updated'
                 ELSE 'unchanged' END AS kind,
            (c.id IS NOT NULL AND (${changed("company")} OR ${changed("position")})) AS job_change,
            array_remove(ARRAY[${(Object.keys(COLUMN) as (keyof typeof COLUMN)[])
              .map((f) => `CASE WHEN c.id IS NOT NULL AND ${changed(f)} THEN '${f}' END`)
              .join(", ")}], NULL) AS changed_fields
       FROM stage s
       LEFT JOIN "Connection" c ON c."teamId" = $1 AND c."accountId" = $2 AND c."identityKey" = s.identity_key`,
    p.slice(0, 2),
  );
  // Without statistics the planner guesses a few hundred rows here and, on a database of a million
  // connections, joined the UPDATE below by nested loops over the whole table (70 s instead of 1).
  await client.query("ANALYZE diff");

  // A first import says nothing about each person beyond firstImportId; 30,000 IMPORTED events
  // would be noise. Someone new in a LATER export is news, so they get one.
  const { rows: had } = await client.query<{ had: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Connection" WHERE "teamId" = $1 AND "accountId" = $2) AS had`,
    p.slice(0, 2),
  );
  await client.query(
    `WITH ins AS (
       INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName",
                                 email, company, position, "connectedOn", "firstImportId")
       SELECT gen_random_uuid()::text, $1, $2, identity_key, name_key, profile_url, first_name, last_name,
              email, company, position, connected_on, $3
         FROM diff WHERE kind = 'new'
       RETURNING id)
     INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind)
     SELECT gen_random_uuid()::text, $1, id, $3, 'IMPORTED' FROM ins WHERE $4::boolean`,
    [...p, had[0]!.had],
  );

  await client.query(
    `WITH upd AS (
       UPDATE "Connection" c
          SET "nameKey" = d.name_key, "profileUrl" = d.profile_url, "firstName" = d.first_name, "lastName" = d.last_name,
              email = d.email, company = d.company, position = d.position, "connectedOn" = d.connected_on,
              status = CASE WHEN d.kind = 'reappeared' THEN 'CONNECTED'::"ConnectionStatus" ELSE c.status END,
              "goneAt" = CASE WHEN d.kind = 'reappeared' THEN NULL ELSE c."goneAt" END,
              "stillConnectedAt" = CASE WHEN c.status = 'REMOVAL_PENDING' THEN now() ELSE c."stillConnectedAt" END,
              "jobChangedAt" = CASE WHEN d.kind = 'updated' AND d.job_change THEN now() ELSE c."jobChangedAt" END,
              "updatedAt" = now()
         FROM diff d
        WHERE c.id = d.cid AND c."teamId" = $1 AND (d.kind IN ('updated', 'reappeared') OR d.old_status = 'REMOVAL_PENDING')
       RETURNING c.id)
     INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind, data)
     SELECT gen_random_uuid()::text, $1, d.cid, $2, ev.kind::"ConnectionEventKind", ev.data
       FROM diff d
       JOIN upd ON upd.id = d.cid
      CROSS JOIN LATERAL (VALUES
         (CASE WHEN d.kind = 'reappeared' THEN 'REAPPEARED' END, '{}'::jsonb),
         (CASE WHEN d.kind = 'updated' AND d.job_change THEN 'JOB_CHANGED' END,
          jsonb_build_object('from', jsonb_build_object('company', d.old_company, 'position', d.old_position),
                             'to', jsonb_build_object('company', d.company, 'position', d.position))),
         (CASE WHEN d.kind = 'updated' AND NOT d.job_change THEN 'UPDATED' END, jsonb_build_object('fields', to_jsonb(d.changed_fields))),
         (CASE WHEN d.old_status = 'REMOVAL_PENDING' THEN 'STILL_CONNECTED' END, '{}'::jsonb)
      ) AS ev(kind, data)
      WHERE ev.kind IS NOT NULL`,
    [ids.teamId, ids.importId],
  );

  // A job change is news for a while, not forever (decision 0005): any import of the account
  // 90 days or more after it was seen clears it, and the rescore that follows drops the flag.
  await client.query(
    `UPDATE "Connection" SET "jobChangedAt" = NULL
      WHERE "teamId" = $1 AND "accountId" = $2 AND "jobChangedAt" < now() - make_interval(days => $3)`,
    [ids.teamId, ids.accountId, JOB_CHANGE_DAYS],
  );

  const gone = !opts.markGone ? { rows: [{ gone: 0, verified: 0 }] } : await client.query<{ gone: number; verified: number }>(
    `WITH g AS (
       UPDATE "Connection" c
          SET status = CASE WHEN c.status = 'REMOVAL_PENDING' THEN 'REMOVED'::"ConnectionStatus" ELSE 'GONE'::"ConnectionStatus" END,
              "goneAt" = now(), "updatedAt" = now()
        WHERE c."teamId" = $1 AND c."accountId" = $2 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')
          AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.identity_key = c."identityKey")
          AND NOT EXISTS (SELECT 1 FROM keep_keys k WHERE k.identity_key = c."identityKey")
       RETURNING c.id, c.status),
     ev AS (
       INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind)
       SELECT gen_random_uuid()::text, $1, id, $3, CASE WHEN status = 'REMOVED' THEN 'REMOVAL_VERIFIED' ELSE 'GONE' END::"ConnectionEventKind" FROM g)
     SELECT count(*)::int AS gone, count(*) FILTER (WHERE status = 'REMOVED')::int AS verified FROM g`,
    p,
  );

  const { rows } = await client.query<Omit<TDiffCounts, "gone" | "verifiedRemovals">>(
    `SELECT count(*) FILTER (WHERE kind IN ('new', 'reappeared'))::int AS new,
            count(*) FILTER (WHERE kind = 'updated')::int AS updated,
            count(*) FILTER (WHERE kind = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE kind = 'updated' AND job_change)::int AS "jobChanges",
            count(*) FILTER (WHERE old_status = 'REMOVAL_PENDING')::int AS "stillConnected"
       FROM diff`,
  );
  return { ...rows[0]!, gone: gone.rows[0]!.gone, verifiedRemovals: gone.rows[0]!.verified };
}
