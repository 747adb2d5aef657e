import type { JobType } from "bullmq";
import { QUEUES } from "./definitions";
import { queue } from "./enqueue";

// When a team is deleted, nothing in Redis may still name it. Job ids are `<name>__<dedupeId>`
// and do not contain the team, so every queue is scanned for jobs whose data.teamId is the team.
// An active job cannot be removed (a worker holds its lock): it finds the team gone and ends.

const STATES: JobType[] = ["waiting", "delayed", "prioritized", "waiting-children", "completed", "failed"];
const PAGE = 500;

export type TRemovedTeamJobs = { removed: number; schedulers: number; active: number };

const names = (data: unknown, teamId: string) => typeof data === "object" && data !== null && (data as { teamId?: unknown }).teamId === teamId;

export async function removeTeamJobs(teamId: string): Promise<TRemovedTeamJobs> {
  const out: TRemovedTeamJobs = { removed: 0, schedulers: 0, active: 0 };
  for (const name of Object.values(QUEUES)) {
    const q = queue(name);
    // Schedulers first, so none of them adds a new job for the team while the queue is scanned.
    for (let start = 0; ; start += PAGE) {
      const page = await q.getJobSchedulers(start, start + PAGE - 1, true);
      for (const s of page) {
        if (names(s.template?.data, teamId) && (await q.removeJobScheduler(s.key))) out.schedulers++;
      }
      if (page.length < PAGE) break;
    }
    // Removing shifts the pages: scan each state until a page removes nothing and is short.
    for (const state of STATES) {
      for (let start = 0; ; ) {
        const jobs = await q.getJobs(state, start, start + PAGE - 1, true);
        let removedHere = 0;
        for (const job of jobs) {
          if (!job || !names(job.data, teamId) || !job.id) continue;
          if ((await q.remove(job.id)) === 1) removedHere++; // 0: it became active meanwhile (counted below)
        }
        out.removed += removedHere;
        if (jobs.length < PAGE) break;
        start += PAGE - removedHere;
      }
    }
    out.active += (await q.getJobs("active", 0, -1)).filter((j) => j && names(j.data, teamId)).length;
  }
  return out;
}
