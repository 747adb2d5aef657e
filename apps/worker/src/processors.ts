import type { Job } from "bullmq";
import { analyzeTable, buildQueue, planRemovalSession, sweepRemovalPlans, expireTeamExports, ImportGoneError, isDomainError, markExportFailed, markImportFailed, processImport, processTeamExport, pruneExpiredSessions, refreshScores, rescoreIcp, teamExists } from "@crm/core";
import { mailNotifications, notifyDueReminders, notifyJobChanges, refreshCadenceReminders, sendDailySummaries, sendWeeklyDigests, sweepMail } from "@crm/core";
import { deliverOutboxEmail, sweepOutbox } from "@crm/email";
import { enqueue, isJobName, parsePayload, type TJobName, type TJobPayload } from "@crm/jobs";
import { log } from "./worker-log";

type THandler<N extends TJobName> = (payload: TJobPayload<N>, job: Job) => Promise<unknown>;
type TRegistry = { [N in TJobName]: THandler<N> };

// Every job name has exactly one handler (the type makes a missing one a compile error).
// Payloads are validated again here: whatever is in Redis is untrusted input.
const registry: TRegistry = {
  // The row counts its own attempts and turns FAILED at the last one (outbox.ts): admins see it
  // on the deliveries page and may retry it there.
  "email.send": async ({ outboxId }) => {
    const r = await deliverOutboxEmail(outboxId);
    return { status: r.status, via: r.result?.via };
  },
  "email.sweep": async () => ({ republished: await sweepOutbox() }),
  "session.prune": async () => ({ pruned: await pruneExpiredSessions() }),
  "import.process": async ({ teamId, importId }, job) => {
    try {
      const s = await processImport(teamId, importId);
      if (s.status === "COMPLETED") await afterImport(teamId, importId);
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
  "mail.sweep": async () => sweepMail(),
  // Team ids in payloads are untrusted: a team that is gone gets nothing done (and nothing sent).
  "digest.team": async ({ teamId, users }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    return { status: "done", ...countStatuses(await sendWeeklyDigests(teamId, users.map((u) => ({ ...u, dueAt: new Date(u.dueAt) })))) };
  },
  "summary.team": async ({ teamId, users }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    return { status: "done", ...countStatuses(await sendDailySummaries(teamId, users)) };
  },
  "notifications.mail": async ({ teamId }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    return { status: "done", ...(await mailNotifications(teamId)) };
  },
  // The pass itself is team-scoped (a gone team has nothing due), so the existence check is only
  // for an empty answer: 1,000 teams' passes then cost one statement each (bench: 10-14 s -> 4.5 s).
  "reminders.notify": async ({ teamId }) => {
    const r = await notifyDueReminders(teamId);
    if (r.reminders === 0 && !(await teamExists(teamId))) return { status: "team-gone" };
    if (r.notifications > 0) await mailSoon(teamId);
    return { status: "done", ...r };
  },
  "reminders.cadence": async ({ teamId }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    return { status: "done", ...(await refreshCadenceReminders(teamId)) };
  },
  "jobchanges.notify": async ({ teamId, importId }) => {
    if (!(await teamExists(teamId))) return { status: "team-gone" };
    const r = await notifyJobChanges(teamId, importId);
    if (r.notifications > 0) await mailSoon(teamId);
    return { status: "done", ...r };
  },
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

/** Statuses counted, never per-user rows: job results stay in Redis and carry no personal data. */
function countStatuses(rows: Array<{ status: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

/** New notifications are emailed now rather than at the next sweep; the sweep is the fallback. */
// A few seconds later rather than at once: a burst of passes (a thousand teams' reminders coming
// due at 09:00) then does not run a thousand email passes on the same cores alongside.
const MAIL_SOON_DELAY_MS = 10_000;

async function mailSoon(teamId: string): Promise<void> {
  const minute = Math.floor(Date.now() / 60_000);
  await enqueue("notifications.mail", { teamId }, { dedupeId: `${teamId}-soon-${minute}`, delay: MAIL_SOON_DELAY_MS }).catch((err: Error) => log(`notifications.mail not enqueued for a team (${err.message}); the sweep will mail it`));
}

/**
 * A completed import may have changed jobs and last messages: notify job changes, re-derive
 * keep-in-touch reminders. The import itself is done: Redis being down must not fail (and retry) it.
 */
async function afterImport(teamId: string, importId: string): Promise<void> {
  for (const [name, run] of [
    ["jobchanges.notify", () => enqueue("jobchanges.notify", { teamId, importId }, { dedupeId: importId })],
    ["reminders.cadence", () => enqueue("reminders.cadence", { teamId }, { dedupeId: `${teamId}-${importId}` })],
  ] as const) {
    await run().catch((err: Error) => log(`${name} not enqueued after import ${importId} (${err.message})`));
  }
}

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
