import { withTeam, withTeamSql } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { enqueueQueueBuild } from "../review/enqueue-queue-build";
import { classifyStaleTitles } from "./classify";
import { bumpScoringDataSql } from "./scoring-data-version";

/** After an import: classify the new and changed titles, then rescore every ICP of the team. */
export async function refreshScores(teamId: string): Promise<{ classified: number; rescores: number }> {
  const classified = await withTeamSql(teamId, async (c) => {
    await bumpScoringDataSql(c, teamId); // the network changed: live-preview caches reload
    return classifyStaleTitles(c, teamId);
  });
  const icps = await withTeam(teamId, (tx) => tx.icp.findMany({ where: { teamId }, select: { id: true, version: true } }));
  for (const i of icps) {
    // Its own job id: the ICP did not change, the network did, so this must not dedupe against the
    // job that scored this version after its last edit.
    await enqueue("icp.rescore", { teamId, icpId: i.id, version: i.version }, { dedupeId: `${i.id}-v${i.version}-data-${Date.now()}` });
  }
  // With ICPs, each rescore queues the queue build when its scores are written; without one, the
  // new network (flags, job changes) goes to the queues now.
  if (icps.length === 0) await enqueueQueueBuild(teamId);
  return { classified, rescores: icps.length };
}

export async function enqueueScoresRefresh(teamId: string, importId: string): Promise<void> {
  await enqueue("scores.refresh", { teamId }, { dedupeId: importId });
}
