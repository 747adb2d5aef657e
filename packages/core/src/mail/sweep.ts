import { db } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { now } from "../clock";

// The mail scheduler's sweep (docs/decisions/0012), every minute. Which members have a digest or
// a daily summary due, which teams have reminders that came due and which have notifications the
// email pass has not seen are the only questions asked across teams: the owner-side functions
// answer them with ids and instants only, on the app connection without a team. All the work
// then runs per team inside withTeam (digest.team, summary.team, reminders.notify,
// notifications.mail).

/** The functions cap a page at 1,000. */
const PAGE = 1_000;
/** 100 pages × 1,000 = 100,000 rows per question per sweep; the next sweep continues. */
const MAX_PAGES = 100;
/** Members per digest.team / summary.team job (the payload allows 1,000). */
const USERS_PER_JOB = 500;

type TDueUser = { teamId: string; userId: string; period: string; dueAt: Date };
type TDueTeam = { teamId: string };

export type TSweepResult = { digests: number; summaries: number; reminderTeams: number; mailTeams: number };

const bucket = (at: Date, minutes: number) => Math.floor(at.getTime() / (minutes * 60_000));

/**
 * Members due, grouped per team in chunks of ≤500. The job id names the team, the first member's
 * period and id and a 10-minute bucket: a sweep that finds the same members while their job still
 * waits adds nothing, and a job that failed for good (kept in Redis for a week) does not block
 * the members for that week. A second job for already claimed members finds them "already".
 */
async function sweepUsers(fn: "crm_digests_due" | "crm_daily_summaries_due", job: "digest.team" | "summary.team", at: Date): Promise<number> {
  let after: { teamId: string; userId: string } | null = null;
  let count = 0;
  let chunk: TDueUser[] = [];
  const pending: Promise<void>[] = [];
  const flush = () => {
    if (!chunk.length) return;
    const c = chunk;
    chunk = [];
    const first = c[0]!;
    pending.push(
      enqueue(job, { teamId: first.teamId, users: c.map((u) => ({ userId: u.userId, period: u.period, dueAt: u.dueAt.toISOString() })) }, {
        dedupeId: `${first.teamId}-${first.period}-${first.userId}-${bucket(at, 10)}`,
      }),
    );
  };
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows: TDueUser[] = await (fn === "crm_digests_due"
      ? db().$queryRaw<TDueUser[]>`SELECT "teamId", "userId", period, "dueAt" FROM crm_digests_due(${at.toISOString()}::timestamptz, ${after?.teamId ?? null}::text, ${after?.userId ?? null}::text, ${PAGE}::int)`
      : db().$queryRaw<TDueUser[]>`SELECT "teamId", "userId", period, "dueAt" FROM crm_daily_summaries_due(${at.toISOString()}::timestamptz, ${after?.teamId ?? null}::text, ${after?.userId ?? null}::text, ${PAGE}::int)`);
    for (const r of rows) {
      if (chunk.length && (chunk[0]!.teamId !== r.teamId || chunk.length >= USERS_PER_JOB)) flush();
      chunk.push(r);
    }
    count += rows.length;
    await Promise.all(pending.splice(0));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!;
  }
  flush();
  await Promise.all(pending);
  return count;
}

/** Teams, one job each; the id's minute bucket lets a job that failed for good run again a minute later. */
async function sweepTeams(fn: "crm_reminder_teams_due" | "crm_notification_mail_due", job: "reminders.notify" | "notifications.mail", at: Date): Promise<number> {
  let after: string | null = null;
  let count = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows: TDueTeam[] = await (fn === "crm_reminder_teams_due"
      ? db().$queryRaw<TDueTeam[]>`SELECT "teamId" FROM crm_reminder_teams_due(${at.toISOString()}::timestamptz, ${after}::text, ${PAGE}::int)`
      : db().$queryRaw<TDueTeam[]>`SELECT "teamId" FROM crm_notification_mail_due(${after}::text, ${PAGE}::int)`);
    await Promise.all(rows.map((r) => enqueue(job, { teamId: r.teamId }, { dedupeId: `${r.teamId}-${bucket(at, 1)}` })));
    count += rows.length;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.teamId;
  }
  return count;
}

/** The `mail.sweep` job. Counts only: members and teams found due, each enqueued (deduplicated by job id). */
export async function sweepMail(at: Date = now()): Promise<TSweepResult> {
  // Reminders first: the notifications they write are mailed by the same minute's later jobs.
  const reminderTeams = await sweepTeams("crm_reminder_teams_due", "reminders.notify", at);
  const mailTeams = await sweepTeams("crm_notification_mail_due", "notifications.mail", at);
  const digests = await sweepUsers("crm_digests_due", "digest.team", at);
  const summaries = await sweepUsers("crm_daily_summaries_due", "summary.team", at);
  return { digests, summaries, reminderTeams, mailTeams };
}
