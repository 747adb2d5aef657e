import { z } from "zod";

// Job payloads carry ids only (never names or emails) and are validated when enqueued and again
// when processed. Names follow `entity.verb`; each queue groups jobs with a similar cost profile.

export const QUEUES = {
  email: "email",
  maintenance: "maintenance",
  imports: "imports",
  scoring: "scoring",
  exports: "exports",
  // Digest composition and notification emails: long per-team jobs kept off the email queue.
  digests: "digests",
} as const;
export type TQueueName = (typeof QUEUES)[keyof typeof QUEUES];

const ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
// A member whose scheduled email is due: the period it is for and the instant it was due.
const DUE_USER = z.object({ userId: ID, period: z.string().regex(/^\d{4}-(W\d{2}|\d{2}-\d{2})$/), dueAt: z.iso.datetime() });

export const JOBS = {
  "email.send": { queue: QUEUES.email, payload: z.object({ outboxId: ID }) },
  "email.sweep": { queue: QUEUES.maintenance, payload: z.object({}) },
  "session.prune": { queue: QUEUES.maintenance, payload: z.object({}) },
  "import.process": { queue: QUEUES.imports, payload: z.object({ teamId: ID, importId: ID }) },
  // Scores one ICP version; a job for a superseded version does nothing.
  "icp.rescore": { queue: QUEUES.scoring, payload: z.object({ teamId: ID, icpId: ID, version: z.number().int().min(1) }) },
  // After the team's connections changed (an import): classify titles, rescore every ICP.
  "scores.refresh": { queue: QUEUES.scoring, payload: z.object({ teamId: ID }) },
  // Builds the zip of everything the team holds into TeamExportChunk rows.
  "team.export": { queue: QUEUES.exports, payload: z.object({ teamId: ID, exportId: ID }) },
  // Delayed until the export's link expires: deletes its bytes.
  "export.expire": { queue: QUEUES.maintenance, payload: z.object({ teamId: ID, exportId: ID }) },
  // Rebuilds the review queues of the team (or of one of its accounts) from the queue rules.
  "queue.build": { queue: QUEUES.scoring, payload: z.object({ teamId: ID, accountId: ID.optional() }) },
  // After a bulk write: refreshes the planner's statistics of that table (owner-side function).
  "stats.analyze": { queue: QUEUES.maintenance, payload: z.object({ table: z.enum(["Connection", "IcpScore", "ReviewItem"]) }) },
  // Every few minutes: finds accounts whose local day started without a removal plan (ids only).
  "removal.sweep": { queue: QUEUES.maintenance, payload: z.object({}) },
  // Plans one account's removal session for its current local day (idempotent per day).
  "removal.plan": { queue: QUEUES.maintenance, payload: z.object({ teamId: ID, accountId: ID }) },
  // Every minute: finds due digests, daily summaries, reminders and unmailed notifications across
  // teams through the owner-side functions (ids and instants only) and enqueues per-team jobs.
  "mail.sweep": { queue: QUEUES.maintenance, payload: z.object({}) },
  // Composes and sends (exactly once per period) the weekly digests of these members of one team.
  "digest.team": { queue: QUEUES.digests, payload: z.object({ teamId: ID, users: z.array(DUE_USER).min(1).max(1000) }) },
  // The daily summary emails of these members of one team (notifications in "daily" mode).
  "summary.team": { queue: QUEUES.digests, payload: z.object({ teamId: ID, users: z.array(DUE_USER).min(1).max(1000) }) },
  // Emails the team's new notifications to members who want them as they happen.
  "notifications.mail": { queue: QUEUES.digests, payload: z.object({ teamId: ID }) },
  // Turns the team's reminders that came due into notifications (each reminder once).
  "reminders.notify": { queue: QUEUES.maintenance, payload: z.object({ teamId: ID }) },
  // Re-derives the team's keep-in-touch (cadence) reminders after an import or a tag change.
  "reminders.cadence": { queue: QUEUES.maintenance, payload: z.object({ teamId: ID }) },
  // After an import completed: notifies the owner and the people who noted or voted on each job change.
  "jobchanges.notify": { queue: QUEUES.maintenance, payload: z.object({ teamId: ID, importId: ID }) },
} as const;

export type TJobName = keyof typeof JOBS;
export type TJobPayload<N extends TJobName> = z.infer<(typeof JOBS)[N]["payload"]>;

export function parsePayload<N extends TJobName>(name: N, data: unknown): TJobPayload<N> {
  return JOBS[name].payload.parse(data) as TJobPayload<N>;
}

export function isJobName(name: string): name is TJobName {
  return Object.hasOwn(JOBS, name);
}
