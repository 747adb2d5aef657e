import { copyRows, type TSqlClient } from "@crm/db";
import type { TParsedConnections, TTargetField } from "@crm/importer";

// A bad optional value (an email "jane.doe@gmail", a 559-character position) is blanked so the
// person is kept, with a warning. For someone already in the account, "blank" means "this file
// says nothing usable", not "erase it": the stored value is copied back before the diff.
// It is copied AFTER the identities are matched: without a URL the blanked email or date changes
// the file's identity key (`email:…` becomes `name:…|…|date`), so only the fallback match knows
// which stored person the row is.

const STORED: Partial<Record<TTargetField, { stage: string; conn: string }>> = {
  email: { stage: "email", conn: "email" },
  company: { stage: "company", conn: "company" },
  position: { stage: "position", conn: "position" },
  connectedOn: { stage: "connected_on", conn: '"connectedOn"' },
};

/** Which fields of which line were blanked for a warning, in a temp table beside `stage`. */
export async function stageBlankedFields(client: TSqlClient, parsed: TParsedConnections): Promise<void> {
  await client.query("CREATE TEMP TABLE blanked (line int, field text) ON COMMIT DROP");
  const rows = parsed.warnings.filter((w) => w.target && STORED[w.target]).map((w) => [w.line, w.target!]);
  await copyRows(client, "blanked", ["line", "field"], rows);
}

/** Copies the stored value back into every staged row (now keyed like its connection) whose field was blanked. */
export async function restoreStoredValues(client: TSqlClient, teamId: string, accountId: string): Promise<void> {
  const sets = Object.entries(STORED).map(
    ([field, c]) => `${c.stage} = CASE WHEN b.fields @> ARRAY['${field}'] THEN c.${c.conn} ELSE s.${c.stage} END`,
  );
  await client.query(
    `UPDATE stage s SET ${sets.join(", ")}
       FROM (SELECT line, array_agg(field) AS fields FROM blanked GROUP BY line) b, "Connection" c
      WHERE b.line = s.line AND c."teamId" = $1 AND c."accountId" = $2 AND c."identityKey" = s.identity_key`,
    [teamId, accountId],
  );
}
