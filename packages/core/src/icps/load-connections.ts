import type { TSqlClient } from "@crm/db";
import { SENIORITIES, FUNCTIONS, type TFunction, type TScoringConnection, type TSeniority } from "@crm/scoring";

// What scoring reads of a team's connections, in one query (a network is at most 30,000 rows per
// account). Gone and removed people are not scored: they are no longer in the network.

const SEN = new Set<string>(SENIORITIES);
const FUN = new Set<string>(FUNCTIONS);

// As stored: the classification columns are plain text (null until classified); tags come as
// ids, which is how ICP tag rules name them (names change; ids do not).
type TRow = Omit<TScoringConnection, "seniority" | "function"> & { seniority: string | null; function: string | null };

export async function loadScoringConnections(client: TSqlClient, teamId: string): Promise<TScoringConnection[]> {
  const { rows } = await client.query<TRow>(
    `SELECT c.id, "firstName", "lastName", position, company, email, to_char("connectedOn", 'YYYY-MM-DD') AS "connectedOn",
            "lastInteractionAt", "messageCount", seniority, function, "endorsedMe", "recommendedMe", "jobChangedAt",
            coalesce(tg.tags, '{}') AS tags
       FROM "Connection" c
       LEFT JOIN (SELECT ct."connectionId", array_agg(ct."tagId") AS tags
                    FROM "ConnectionTag" ct
                   WHERE ct."teamId" = $1 GROUP BY ct."connectionId") tg ON tg."connectionId" = c.id
      WHERE c."teamId" = $1 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')`,
    [teamId],
  );
  return rows.map((r) => ({
    ...r,
    seniority: (r.seniority && SEN.has(r.seniority) ? r.seniority : "unknown") as TSeniority,
    function: (r.function && FUN.has(r.function) ? r.function : "other") as TFunction,
  }));
}
