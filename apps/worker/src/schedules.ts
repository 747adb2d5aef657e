import { queue, JOBS, type TJobName } from "@crm/jobs";

// Job schedulers are upserted at every start (idempotent), so every worker replica may do it.
const SCHEDULES: Array<{ name: TJobName; every?: number; pattern?: string }> = [
  { name: "email.sweep", every: 60_000 },
  { name: "session.prune", pattern: "17 3 * * *" },
  // Local days start every 15 or 30 minutes somewhere: plans are made within 5 minutes of them.
  { name: "removal.sweep", every: 5 * 60_000 },
  // Digest slots are on the hour in the member's zone, reminders come due at any minute: a
  // minute's lag at most. Each sweep is a few index reads (docs/decisions/0012).
  { name: "mail.sweep", every: 60_000 },
];

export async function upsertSchedules(): Promise<void> {
  for (const s of SCHEDULES) {
    await queue(JOBS[s.name].queue).upsertJobScheduler(
      s.name,
      s.every ? { every: s.every } : { pattern: s.pattern!, tz: "UTC" },
      { name: s.name, data: {}, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } },
    );
  }
}
