import { withTeam } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { icpsWithResolvedTags } from "../icps/tag-rules";

// ICPs can score on tags, so a change of who has a tag rescores exactly the ICPs with a rule on
// that tag (rules name tags by id; rules saved by name are resolved first). Changes in the same
// ten seconds share one job per ICP version (the job id dedupes them). Without `tagIds`, every ICP
// with a tag rule is rescored.

export async function rescoreTagIcps(teamId: string, tagIds?: readonly string[]): Promise<number> {
  const icps = await withTeam(teamId, (tx) => icpsWithResolvedTags(tx, teamId));
  const window = Math.floor(Date.now() / 10_000);
  const usesTags = icps.filter((i) => i.definition.tags.some((r) => r.tagId !== null && (!tagIds || tagIds.includes(r.tagId))));
  for (const icp of usesTags) {
    await enqueue("icp.rescore", { teamId, icpId: icp.id, version: icp.version }, { dedupeId: `${icp.id}-v${icp.version}-tags-${window}`, delay: 2_000 });
  }
  return usesTags.length;
}
