import type { TQueueBuildResult } from "./types";

// CONTRACT STUB (lead): the build helper owns this file. Runs in the worker (job "queue.build") and
// in the CLI's build-queue; teamId comes from a trusted caller, the account (if any) is checked.
export async function buildQueue(_teamId: string, _opts: { accountId?: string; now?: Date } = {}): Promise<TQueueBuildResult> {
  throw new Error("not implemented");
}
