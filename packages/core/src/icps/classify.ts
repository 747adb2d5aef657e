import { copyRows, type TSqlClient } from "@crm/db";
import { classifyTitle } from "@crm/scoring";

/**
 * Classifies the titles that changed since they were last classified (new people, job changes,
 * or all of them after the classifier itself changed: `classifiedTitle` records the input).
 */
export async function classifyStaleTitles(client: TSqlClient, teamId: string): Promise<number> {
  const { rows } = await client.query<{ id: string; position: string | null }>(
    `SELECT id, position FROM "Connection" WHERE "teamId" = $1 AND ("classifiedTitle" IS DISTINCT FROM coalesce(position, '') OR seniority IS NULL)`,
    [teamId],
  );
  if (rows.length === 0) return 0;
  await client.query("CREATE TEMP TABLE cls (id text PRIMARY KEY, seniority text, function text, title text) ON COMMIT DROP");
  await copyRows(
    client,
    "cls",
    ["id", "seniority", "function", "title"],
    rows.map((r) => {
      const c = classifyTitle(r.position);
      return [r.id, c.seniority, c.function, r.position ?? ""];
    }),
  );
  await client.query("ANALYZE cls");
  await client.query(
    `UPDATE "Connection" c SET seniority = x.seniority, function = x.function, "classifiedTitle" = x.title
       FROM cls x WHERE c.id = x.id AND c."teamId" = $1`,
    [teamId],
  );
  return rows.length;
}
