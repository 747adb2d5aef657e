import type { TSqlClient } from "@crm/db";

// Before the diff, rows of the file that do not name a known connection by their key are matched
// to one by the fallbacks of decision 0005, so the same person is not counted gone + new when
// the file's layout or the fields LinkedIn shows change between exports. Every match is
// one-to-one (a namesake pair is left alone) and each pass is an equi-join (hash-joinable at
// 30,000 × 30,000 rows).

/**
 * LinkedIn added the URL column in 2023: someone first imported by name (or email) and now seen
 * with a URL is the same person when name and connection date agree one-to-one. Their key is
 * upgraded before the diff, so they are neither "gone" nor "new".
 */
async function upgradeFallbackKeys(client: TSqlClient, teamId: string, accountId: string) {
  await client.query(
    `WITH pairs AS (
       SELECT c.id, s.identity_key,
              count(*) OVER (PARTITION BY c.id) AS per_conn, count(*) OVER (PARTITION BY s.identity_key) AS per_row
         FROM stage s
         JOIN "Connection" c ON c."teamId" = $1 AND c."accountId" = $2 AND c."nameKey" = s.name_key
              AND c."connectedOn" IS NOT DISTINCT FROM s.connected_on
              AND (c."identityKey" LIKE 'name:%' OR c."identityKey" LIKE 'email:%')
        WHERE s.identity_key NOT LIKE 'name:%' AND s.identity_key NOT LIKE 'email:%'
          AND NOT EXISTS (SELECT 1 FROM "Connection" x WHERE x."teamId" = $1 AND x."accountId" = $2 AND x."identityKey" = s.identity_key))
     UPDATE "Connection" c SET "identityKey" = p.identity_key, "updatedAt" = now()
       FROM pairs p WHERE c.id = p.id AND c."teamId" = $1 AND p.per_conn = 1 AND p.per_row = 1`,
    [teamId, accountId],
  );
}

/** How an unmatched fallback row may still name a known person, most specific first. */
const PASSES = {
  // The email LinkedIn showed (in this file or an earlier one) names one person.
  email: `u.email IS NOT NULL AND f.email = u.email`,
  // An email that appeared or disappeared, or a no-URL file after URL ones: same name, same day.
  nameAndDate: `u.connected_on IS NOT NULL AND f."nameKey" = u.name_key AND f."connectedOn" = u.connected_on`,
  // Files without "Connected On" (other tools): same name at the same company.
  nameAndCompany: `u.company IS NOT NULL AND f."nameKey" = u.name_key AND lower(f.company) = lower(u.company)`,
} as const;

/**
 * A row keyed by email or name (no URL) whose key is unknown takes the key of the one connection
 * it matches, so it updates that person. The connection keeps its key: it stays stable across
 * exports whatever the next one shows.
 */
async function rekeyFallbackRows(client: TSqlClient, teamId: string, accountId: string, on: string) {
  await client.query(
    `WITH unmatched AS (
       SELECT s.identity_key, s.name_key, s.email, s.connected_on, s.company FROM stage s
        WHERE (s.identity_key LIKE 'name:%' OR s.identity_key LIKE 'email:%')
          AND NOT EXISTS (SELECT 1 FROM "Connection" x WHERE x."teamId" = $1 AND x."accountId" = $2 AND x."identityKey" = s.identity_key)),
     free AS (
       SELECT c.id, c."identityKey", c."nameKey", c.email, c."connectedOn", c.company FROM "Connection" c
        WHERE c."teamId" = $1 AND c."accountId" = $2
          AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.identity_key = c."identityKey")),
     pairs AS (
       SELECT u.identity_key AS from_key, f."identityKey" AS to_key,
              count(*) OVER (PARTITION BY u.identity_key) AS per_row, count(*) OVER (PARTITION BY f.id) AS per_conn
         FROM unmatched u JOIN free f ON ${on})
     UPDATE stage s SET identity_key = p.to_key FROM pairs p
      WHERE s.identity_key = p.from_key AND p.per_row = 1 AND p.per_conn = 1`,
    [teamId, accountId],
  );
}

export async function matchIdentities(client: TSqlClient, teamId: string, accountId: string) {
  await upgradeFallbackKeys(client, teamId, accountId);
  for (const on of Object.values(PASSES)) await rekeyFallbackRows(client, teamId, accountId, on);
}
