import { copyRows, withTeam, withTeamSql } from "@crm/db";
import { compileIcp, ZIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { analyzeAfterBulk } from "../db-stats/analyze-after-bulk";
import { enqueueQueueBuild } from "../review/enqueue-queue-build";
import { classifyStaleTitles } from "./classify";
import { loadScoringConnections } from "./load-connections";
import { resolveTagRules, teamTags } from "./tag-rules";

// The rescore job: scores every connection of the team against one ICP version and writes the
// scores set-based. Jobs are at-least-once and may run late or twice: a job for a version that has
// been superseded does nothing (the newer job will run), and the upsert never lets an older
// version overwrite a newer score.

export type TRescoreResult = { status: "scored" | "superseded" | "missing"; scored: number; version: number };

async function setProgress(teamId: string, icpId: string, progress: number) {
  await withTeam(teamId, (tx) => tx.icp.updateMany({ where: { id: icpId }, data: { rescoreProgress: progress } }));
}

export async function rescoreIcp(
  teamId: string,
  icpId: string,
  opts: { version?: number; now?: Date } = {},
): Promise<TRescoreResult> {
  const icp = await withTeam(teamId, async (tx) => {
    const row = await tx.icp.findFirst({ where: { id: icpId, teamId }, select: { version: true, definition: true } });
    if (!row) return null;
    // Tag rules saved by name (before ids) are resolved to the team's tags as they are now.
    const def = ZIcpDefinition.parse(row.definition);
    return { version: row.version, def: def.tags.length ? resolveTagRules(def, await teamTags(tx, teamId)).definition : def };
  });
  if (!icp) return { status: "missing", scored: 0, version: 0 };
  if (opts.version !== undefined && opts.version < icp.version) return { status: "superseded", scored: 0, version: opts.version };
  const def = icp.def;
  const now = opts.now ?? new Date();
  await setProgress(teamId, icpId, 10);

  const scored = await writeScores(teamId, icpId, icp.version, def, now);
  await analyzeAfterBulk("IcpScore", scored);
  // New scores change who fits: the review queues follow (debounced across the team's rescores).
  await enqueueQueueBuild(teamId);
  return { status: "scored", scored, version: icp.version };
}

/**
 * Scores the team's network with `def` as version `version` of the ICP. The upsert keeps a newer
 * version's score when an older job writes late, so a slow job cannot undo a newer edit.
 */
export async function writeScores(teamId: string, icpId: string, version: number, def: TIcpDefinition, now: Date): Promise<number> {
  const score = compileIcp(def);
  return withTeamSql(teamId, async (client) => {
    await classifyStaleTitles(client, teamId);
    const connections = await loadScoringConnections(client, teamId);
    await client.query(`CREATE TEMP TABLE sc (connection_id text, score int, band text, reasons jsonb, flags text[]) ON COMMIT DROP`);
    await copyRows(
      client,
      "sc",
      ["connection_id", "score", "band", "reasons", "flags"],
      connections.map((c) => {
        const s = score(c, now);
        return [c.id, s.score, s.band, JSON.stringify(s.reasons), s.flags.map((f) => f.code)];
      }),
    );
    await client.query(
      `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags, "scoredAt")
       SELECT $1, $2, connection_id, $3, score, band, reasons, flags, now() FROM sc
       ON CONFLICT ("teamId", "icpId", "connectionId") DO UPDATE
          SET version = EXCLUDED.version, score = EXCLUDED.score, band = EXCLUDED.band, reasons = EXCLUDED.reasons,
              flags = EXCLUDED.flags, "scoredAt" = EXCLUDED."scoredAt"
        WHERE "IcpScore".version <= EXCLUDED.version
          AND ("IcpScore".version, "IcpScore".score, "IcpScore".band, "IcpScore".reasons, "IcpScore".flags)
              IS DISTINCT FROM (EXCLUDED.version, EXCLUDED.score, EXCLUDED.band, EXCLUDED.reasons, EXCLUDED.flags)`,
      [teamId, icpId, version],
    );
    // People who left the network (gone, removed) keep no score: the same rule as the load above.
    await client.query(
      // An anti-join probing Connection by primary key: right after a 30,000-row import the
      // statistics still say the team has no connections, and the USING join this replaces was
      // then planned as a nested loop over sequential scans (minutes instead of milliseconds).
      `DELETE FROM "IcpScore" s
        WHERE s."teamId" = $1 AND s."icpId" = $2 AND s.version <= $3
          AND NOT EXISTS (SELECT 1 FROM "Connection" c
                           WHERE c.id = s."connectionId" AND c."teamId" = $1 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING'))`,
      [teamId, icpId, version],
    );
    await client.query(
      `UPDATE "Icp" SET "scoredVersion" = GREATEST("scoredVersion", $2), "rescoreProgress" = 100, "scoredAt" = now() WHERE id = $1`,
      [icpId, version],
    );
    return connections.length;
  });
}
