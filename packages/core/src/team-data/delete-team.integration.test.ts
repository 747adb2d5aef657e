import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { enqueue, QUEUES, queue } from "@crm/jobs";
import { rescoreIcp } from "../icps/rescore";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { teamExists } from "../teams/team-exists";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { processTeamExport } from "./build-export";
import { deleteTeam } from "./delete-team";
import { addMember, seedTeamData, type TSeeded } from "./team-data.test-util";

// Deleting a team removes every row of it in every tenant table (found in the catalog, so a new
// table cannot slip by) and every job in Redis that names it, and nothing of any other team.

let a: TSignedUpUser;
let b: TSignedUpUser;
let seededA: TSeeded;
let seededB: TSeeded;
let tenantTables: string[];

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("delA"), signUpUser("delB")]);
  seededA = await seedTeamData(a);
  seededB = await seedTeamData(b, 30);
  const rows = await ownerQuery<{ relname: string }>(
    `SELECT DISTINCT c.relname FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attribute at ON at.attrelid = c.oid AND at.attname = 'teamId' AND NOT at.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND (at.attname IS NOT NULL OR c.relname = 'Team')
      ORDER BY c.relname`,
  );
  tenantTables = rows.map((r) => r.relname);
}, 90_000);
afterAll(stopTestEnv);

async function countsOf(teamId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tenantTables) {
    const col = t === "Team" ? "id" : "teamId";
    out[t] = (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE "${col}" = $1`, [teamId]))[0]!.n;
  }
  return out;
}

/** Every job and schedule in every queue whose data names the team. */
async function jobsNaming(teamId: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of Object.values(QUEUES)) {
    const q = queue(name);
    const jobs = await q.getJobs(["waiting", "delayed", "prioritized", "waiting-children", "active", "completed", "failed"], 0, -1);
    for (const j of jobs) if (j?.data?.teamId === teamId) found.push(`${name}:${j.name}:${j.id}`);
    for (const s of await q.getJobSchedulers(0, -1)) if (s.template?.data?.teamId === teamId) found.push(`${name}:scheduler:${s.key}`);
  }
  return found;
}

/** A job of every kind the queues can hold, for both teams. */
async function enqueueJobsFor(teamId: string, s: TSeeded) {
  await enqueue("scores.refresh", { teamId }, { dedupeId: `waiting-${teamId}` });
  await enqueue("icp.rescore", { teamId, icpId: s.icpId, version: 1 }, { dedupeId: `delayed-${teamId}`, delay: 3_600_000 });
  await enqueue("icp.rescore", { teamId, icpId: s.icpId, version: 2 }, { dedupeId: `prioritized-${teamId}`, priority: 3 });
  await queue(QUEUES.maintenance).upsertJobScheduler(`test-expire-${teamId}`, { every: 3_600_000 }, { name: "export.expire", data: { teamId, exportId: s.exportId } });
}

describe("deleteTeam", () => {
  let admin: TTeamContext;
  let member: TTeamContext;

  it("has rows of both teams in every tenant table to begin with", async () => {
    expect(tenantTables.length).toBeGreaterThan(15);
    for (const team of [a, b]) {
      const counts = await countsOf(team.team.id);
      for (const t of tenantTables) expect(counts[t], `${t} has no rows for ${team.team.slug}: add it to seedTeamData`).toBeGreaterThan(0);
    }
    [admin, member] = await Promise.all([addMember(a.ctx, "ADMIN", "delAdmin"), addMember(a.ctx, "MEMBER", "delMember")]);
  });

  it("refuses admins, members, a wrong or empty name, and a context that is no longer an owner's", async () => {
    const before = await countsOf(a.team.id);
    expect((await rejectionOf(deleteTeam(admin, { confirmName: a.team.name }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(deleteTeam(member, { confirmName: a.team.name }))).code).toBe("FORBIDDEN");
    for (const wrong of ["", a.team.name.toLowerCase(), ` ${a.team.name}`, b.team.name]) {
      const e = (await rejectionOf(deleteTeam(a.ctx, { confirmName: wrong }))) as { code?: string; details?: { field?: string }; message: string };
      expect(e.code, JSON.stringify(wrong)).toBe("VALIDATION");
      expect(e.details?.field).toBe("confirmName");
    }
    // An owner context for a user who is only an admin now (demoted after the page loaded).
    expect((await rejectionOf(deleteTeam({ ...admin, role: "OWNER" }, { confirmName: a.team.name }))).code).toBe("FORBIDDEN");
    // Team B's owner naming team A: checked against B's own name, and A is untouched.
    expect((await rejectionOf(deleteTeam(b.ctx, { confirmName: a.team.name }))).code).toBe("VALIDATION");
    expect(await countsOf(a.team.id)).toEqual(before);
  });

  it("deletes every row of the team and every queued job naming it; the other team keeps everything", async () => {
    await enqueueJobsFor(a.team.id, seededA);
    await enqueueJobsFor(b.team.id, seededB);
    // A paused queue keeps its jobs in the wait list.
    await queue(QUEUES.exports).pause();
    await enqueue("team.export", { teamId: a.team.id, exportId: seededA.exportId }, { dedupeId: "paused-a" });
    await enqueue("team.export", { teamId: b.team.id, exportId: seededB.exportId }, { dedupeId: "paused-b" });

    const jobsA = await jobsNaming(a.team.id);
    const jobsB = await jobsNaming(b.team.id);
    expect(jobsA.length).toBeGreaterThanOrEqual(6); // 4 above, the paused one, the export's expiry
    const countsB = await countsOf(b.team.id);

    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    let result;
    let lines: string[];
    try {
      result = await deleteTeam(a.ctx, { confirmName: a.team.name });
    } finally {
      lines = log.mock.calls.map((c) => c.join(" "));
      log.mockRestore();
    }
    expect(result.jobs).toMatchObject({ removed: jobsA.length - 1, schedulers: 1, active: 0 });

    const after = await countsOf(a.team.id);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await countsOf(b.team.id)).toEqual(countsB);
    expect(await jobsNaming(a.team.id)).toEqual([]);
    expect((await jobsNaming(b.team.id)).sort()).toEqual(jobsB.sort());
    await queue(QUEUES.exports).resume();

    // One stdout line with the team id, and nothing that names the team or its people.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(a.team.id);
    expect(lines[0]).not.toContain(a.team.name);
    expect(lines[0]).not.toContain(a.email);
  });

  it("jobs still running for the deleted team end quietly, and its members have no team left", async () => {
    expect(await teamExists(a.team.id)).toBe(false);
    expect(await teamExists(b.team.id)).toBe(true);
    expect(await processTeamExport(a.team.id, seededA.exportId)).toEqual({ status: "missing" });
    expect(await rescoreIcp(a.team.id, seededA.icpId)).toMatchObject({ status: "missing" });
    expect((await rejectionOf(resolveTeamContext({ userId: a.userId, slug: a.team.slug }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(deleteTeam(a.ctx, { confirmName: a.team.name }))).code).toBe("NOT_FOUND");
  });
});
