import { withTeam } from "@crm/db";
import { enqueue } from "@crm/jobs";

// ICPs can score on tags, so a tag change rescores exactly the ICPs that name a tag. Changes in
// the same ten seconds share one job per ICP version (the job id dedupes them).

export async function rescoreTagIcps(teamId: string): Promise<number> {
  const icps = await withTeam(teamId, (tx) => tx.icp.findMany({ where: { teamId }, select: { id: true, version: true, definition: true } }));
  const window = Math.floor(Date.now() / 10_000);
  const usesTags = icps.filter((i) => Array.isArray((i.definition as { tags?: unknown }).tags) && ((i.definition as { tags: unknown[] }).tags.length > 0));
  for (const icp of usesTags) {
    await enqueue("icp.rescore", { teamId, icpId: icp.id, version: icp.version }, { dedupeId: `${icp.id}-v${icp.version}-tags-${window}`, delay: 2_000 });
  }
  return usesTags.length;
}
