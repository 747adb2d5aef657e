import type { Job } from "bullmq";
import { analyzeTable, buildQueue, planRemovalSession, sweepRemovalPlans, expireTeamExports, ImportGoneError, isDomainError, markExportFailed, markImportFailed, processImport, processTeamExport, pruneExpiredSessions, refreshScores, rescoreIcp, teamExists } from "@crm/core";
import { deliverOutboxEmail, sweepOutbox } from "@crm/email";
import { isJobName, parsePayload, type TJobName, type TJobPayload } from "@crm/jobs";

type THandler<N extends TJobName> = (payload: TJobPayload<N>, job: Job) => Promise<unknown>;
type TRegistry = { [N in TJobName]: THandler<N> };

// Every job name has exactly one handler (the type makes a missing one a compile error).
// Payloads are validated again here: whatever is in Redis is untrusted input.
const registry: TRegistry = {
  "email.send": async ({ outboxId }) => {
    const r = await deliverOutboxEmail(outboxId);
    return { status: r.status, via: r.result?.via };
  },
  "email.sweep": async () => ({ republished: await sweepOutbox() }),
  "session.prune": async () => ({ pruned: await pruneExpiredSessions() }),
  "import.process": async ({ teamId, importId }, job) => {
    try {
      const s = await processImport(teamId, importId);
      return { status: s.status }; // counts only via the database: results never carry row data
    } catch (err) {
      if (err instanceof ImportGoneError) return { status: "missing" };
      // Last attempt: say so on the import rather than leave it "processing" forever.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await markImportFailed({ teamId, importId }, "internal", "The import failed because of an error on our side. Your connections were not changed; please upload the file again.");
      }
      throw err;
    }
  },
  "icp.rescore": async ({ teamId, icpId, version }) => rescoreIcp(teamId, icpId, { version }),
  "scores.refresh": async ({ teamId }) => refreshScores(teamId),
  "team.export": async ({ teamId, exportId }, job) => {
    try {
      return await processTeamExport(teamId, exportId); // status and byte size only
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await markExportFailed({ teamId, exportId }, "The export failed because of an error on our side. Please start a new export.");
      }
      throw err;
    }
  },
  "export.expire": async ({ teamId, exportId }) => expireTeamExports(teamId, exportId),
  // The payload is untrusted: a team that is gone builds nothing, and an account that is not the
  // team's is "missing" (buildQueue checks it inside the team's own transaction).
  "queue.build": async ({ teamId, accountId }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    try {
      const r = await buildQueue(teamId, { accountId });
      return { status: "built", ...r };
    } catch (err) {
      if (isDomainError(err) && err.code === "NOT_FOUND") return { status: "missing" };
      throw err;
    }
  },
  "stats.analyze": async ({ table }) => ({ analyzed: await analyzeTable(table) }),
  "removal.sweep": async () => ({ enqueued: await sweepRemovalPlans() }),
  // An account that is not the team's (or gone) plans nothing: planRemovalSession checks it
  // inside the team's own transaction.
  "removal.plan": async ({ teamId, accountId }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    try {
      return await planRemovalSession(teamId, accountId);
    } catch (err) {
      if (isDomainError(err) && err.code === "NOT_FOUND") return { status: "missing" };
      throw err;
    }
  },
};

export async function processJob(job: Job): Promise<unknown> {
  if (!isJobName(job.name)) throw new Error(`unknown job name "${job.name}"`);
  const name = job.name;
  const payload = parsePayload(name, job.data);
  return unlessTeamGone(payload, () => (registry[name] as THandler<typeof name>)(payload, job));
}

/**
 * A team deleted while its job waited or ran makes the job fail half-way (a row it writes to is
 * gone): that is the end of the job, not an error worth retrying or alerting on.
 */
export async function unlessTeamGone<T>(payload: object, run: () => Promise<T>): Promise<T | { status: "team-gone" }> {
  try {
    return await run();
  } catch (err) {
    const teamId = (payload as { teamId?: unknown }).teamId;
    if (typeof teamId === "string" && !(await teamExists(teamId).catch(() => true))) return { status: "team-gone" };
    throw err;
  }
}
