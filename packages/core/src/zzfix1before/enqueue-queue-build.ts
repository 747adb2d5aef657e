import { withTeam } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { parseStoredRules } from "./queue-rules";

/** A burst of triggers (two ICPs rescored one after the other, a few tag edits) becomes one build this long after the last. */
export const QUEUE_BUILD_DEBOUNCE_MS = 3_000;

/**
 * Queues a rebuild of the team's review queues (or one account's). Debounced: a build that is
 * still waiting is replaced and its delay starts again; one that is running is followed by exactly
 * one more, so a change made during a build is never missed.
 */
export async function enqueueQueueBuild(teamId: string, accountId?: string): Promise<void> {
  await enqueue("queue.build", accountId ? { teamId, accountId } : { teamId }, {
    debounceId: `${teamId}-${accountId ?? "all"}`,
    delay: QUEUE_BUILD_DEBOUNCE_MS,
  });
}

/** After tags were added to or removed from people: a rebuild only if one of the tags is protected. */
export async function enqueueQueueBuildForTags(teamId: string, tagIds: readonly string[]): Promise<boolean> {
  const row = await withTeam(teamId, (tx) => tx.queueSettings.findUnique({ where: { teamId }, select: { rules: true } }));
  const protectedIds = new Set(row ? parseStoredRules(row.rules).protectedTagIds : []);
  if (!tagIds.some((t) => protectedIds.has(t))) return false;
  await enqueueQueueBuild(teamId);
  return true;
}
