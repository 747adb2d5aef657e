// What the scale-out bench checks after its window, in the database as its owner (row-level
// security does not hide anything from it), and the once-a-second sampler of every process's RSS
// and of the app role's Postgres connections.
import { readFileSync } from "node:fs";
import pg from "pg";
import type { TProc } from "./scaleout-stack";
import type { TOwnerRun, TUploadRun, TVote } from "./scaleout-users";

export type TImportCheck = {
  done: number;
  completed: number;
  wrongCount: string[];
  notCompleted: string[];
  e2eMs: number[];
  duplicates: number;
  /** When the last import ended (ms since the epoch). */
  lastEndAt: number;
};

/** Waits (bounded) for every upload's import to end, taking each one's end-to-end time as it ends. */
export async function awaitImports(c: pg.Client, runs: TUploadRun[], rows: number, timeoutMs: number): Promise<TImportCheck> {
  const ids = runs.flatMap((r) => (r.importId ? [r.importId] : []));
  const started = new Map(runs.map((r) => [r.importId, r.startedAt]));
  const ended = new Map<string, { status: string; at: number }>();
  const end = Date.now() + timeoutMs;
  while (ended.size < ids.length && Date.now() < end) {
    const { rows: st } = await c.query<{
      id: string;
      status: string;
      finishedAt: Date | null;
    }>(`SELECT id, status, "finishedAt" FROM "Import" WHERE id = ANY($1)`, [ids]);
    for (const s of st) {
      if (ended.has(s.id) || ["UPLOADING", "QUEUED", "PROCESSING"].includes(s.status)) continue;
      // finishedAt is the worker's own clock on this machine: closer than our polling's 500 ms.
      ended.set(s.id, {
        status: s.status,
        at: s.finishedAt?.getTime() ?? Date.now(),
      });
    }
    if (ended.size < ids.length) await new Promise((r) => setTimeout(r, 500));
  }
  const { rows: counts } = await c.query<{
    id: string;
    rowsTotal: number;
    connections: number;
  }>(
    `SELECT i.id, i."rowsTotal", (SELECT count(*)::int FROM "Connection" x WHERE x."teamId" = i."teamId" AND x."accountId" = i."accountId") AS connections
       FROM "Import" i WHERE i.id = ANY($1)`,
    [ids],
  );
  const { rows: dup } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Connection" x JOIN "Import" i ON i."teamId" = x."teamId" AND i."accountId" = x."accountId"
      WHERE i.id = ANY($1) GROUP BY x."teamId", x."accountId", x."identityKey" HAVING count(*) > 1) d`,
    [ids],
  );
  const check: TImportCheck = {
    done: ended.size,
    completed: 0,
    wrongCount: [],
    notCompleted: [],
    e2eMs: [],
    duplicates: dup[0]!.n,
    lastEndAt: Math.max(0, ...[...ended.values()].map((e) => e.at)),
  };
  for (const r of runs) if (!r.importId) check.notCompleted.push(`upload answered ${r.status}`);
  for (const id of ids) {
    const e = ended.get(id);
    if (!e) check.notCompleted.push(`${id}: not finished after ${timeoutMs / 1000} s`);
    else if (e.status !== "COMPLETED") check.notCompleted.push(`${id}: ${e.status}`);
    else {
      check.completed++;
      check.e2eMs.push(e.at - started.get(id)!);
    }
    const n = counts.find((x) => x.id === id);
    if (n && (n.rowsTotal !== rows || n.connections !== rows)) check.wrongCount.push(`${id}: rowsTotal ${n.rowsTotal}, connections ${n.connections}, want ${rows}`);
  }
  return check;
}

/** Votes answered ok that have no ReviewVote row of that reviewer on that item. */
export async function lostVotes(c: pg.Client, votes: TVote[]): Promise<string[]> {
  if (!votes.length) return [];
  const { rows } = await c.query<{ itemId: string; email: string }>(
    `SELECT v."itemId", v.email FROM unnest($1::text[], $2::text[]) AS v("itemId", email)
      WHERE NOT EXISTS (SELECT 1 FROM "ReviewVote" r JOIN "User" u ON u.id = r."userId" WHERE r."itemId" = v."itemId" AND u.email = v.email)`,
    [votes.map((v) => v.itemId), votes.map((v) => v.email)],
  );
  return rows.map((r) => `${r.email} on ${r.itemId}`);
}

/**
 * Budget breaches per owner account: more counted removals than the daily or hourly limit, counted
 * removals other than RemovalDay.used or the 200s answered, two counted removals under 30 s apart
 * (the gap's floor).
 */
export async function budgetBreaches(c: pg.Client, runs: TOwnerRun[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of runs) {
    const { rows } = await c.query<{
      counted: number;
      used: number;
      daily: number | null;
      hourly: number;
      minGapS: number | null;
    }>(
      `SELECT (SELECT count(*)::int FROM "RemovalOutcome" WHERE "accountId" = $1 AND counted) AS counted,
              (SELECT coalesce(sum(used), 0)::int FROM "RemovalDay" WHERE "accountId" = $1) AS used,
              b."dailyLimit" AS daily, coalesce(b."hourlyLimit", 12) AS hourly,
              (SELECT min(d) FROM (SELECT extract(epoch FROM "createdAt" - lag("createdAt") OVER (ORDER BY "createdAt"))::float AS d
                 FROM "RemovalOutcome" WHERE "accountId" = $1 AND counted) g) AS "minGapS"
         FROM (SELECT 1) one LEFT JOIN "RemovalBudget" b ON b."accountId" = $1`,
      [r.accountId],
    );
    const x = rows[0]!;
    // The tier's default daily limit is 10–25, the hard cap 50; the seeded accounts never change it.
    const daily = x.daily ?? 25;
    if (x.counted > daily) out.push(`${r.accountId}: ${x.counted} counted > daily limit ${daily}`);
    if (x.counted > x.hourly) out.push(`${r.accountId}: ${x.counted} counted in the window > hourly limit ${x.hourly}`);
    if (x.counted !== x.used) out.push(`${r.accountId}: ${x.counted} counted ≠ RemovalDay.used ${x.used}`);
    if (x.counted !== r.removed) out.push(`${r.accountId}: ${x.counted} counted ≠ ${r.removed} answered 200`);
    if (x.minGapS !== null && x.minGapS < 30) out.push(`${r.accountId}: two removals ${x.minGapS.toFixed(1)} s apart`);
  }
  return out;
}

export type TSample = {
  rssPeakMb: Record<string, number>;
  hwmMb: Record<string, number>;
  pgPeak: { total: number; active: number };
  pgServerPeak: number;
  pgSampleErrors: number;
  /** Processes without a VmHWM at the end (exited, or a zombie): a crash in the window. */
  gone: string[];
  /** PgBouncer's pools of crm_app: clients served, clients waiting for a server, servers busy. */
  bouncerPeak: { clActive: number; clWaiting: number; svActive: number; maxWaitS: number };
};

function status(pid: number, field: string): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function procState(pid: number): string {
  try {
    return /State:\s+(.*)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "no such process";
  }
}

/** Samples every second until stop(): RSS of each process, crm_app's backends (all, and not idle). */
export function startSampler(ownerUrl: string, procs: TProc[], pgbouncerPort: number): { stop: () => Promise<TSample> } {
  const s: TSample = {
    rssPeakMb: {},
    hwmMb: {},
    pgPeak: { total: 0, active: 0 },
    pgServerPeak: 0,
    pgSampleErrors: 0,
    gone: [],
    bouncerPeak: { clActive: 0, clWaiting: 0, svActive: 0, maxWaitS: 0 },
  };
  const c = new pg.Client({ connectionString: ownerUrl });
  // PgBouncer's admin console (simple-query protocol only: a query without parameters).
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${pgbouncerPort}/pgbouncer` });
  const ready = Promise.all([c.connect(), admin.connect()]);
  let running = true;
  const loop = (async () => {
    await ready;
    while (running) {
      for (const p of procs) {
        const mb = status(p.pid, "VmRSS");
        if (!Number.isNaN(mb)) s.rssPeakMb[p.name] = Math.max(s.rssPeakMb[p.name] ?? 0, mb);
      }
      try {
        const { rows } = await c.query<{
          total: number;
          active: number;
          all: number;
        }>(
          `SELECT count(*) FILTER (WHERE usename = 'crm_app')::int AS total,
                count(*) FILTER (WHERE usename = 'crm_app' AND state <> 'idle')::int AS active,
                count(*)::int AS all
           FROM pg_stat_activity WHERE datname = current_database()`,
        );
        s.pgPeak.total = Math.max(s.pgPeak.total, rows[0]!.total);
        s.pgPeak.active = Math.max(s.pgPeak.active, rows[0]!.active);
        s.pgServerPeak = Math.max(s.pgServerPeak, rows[0]!.all);
        const pools = (await admin.query<Record<string, string>>("SHOW POOLS")).rows.filter((r) => r.user === "crm_app");
        const sum = (k: string) => pools.reduce((a, r) => a + Number(r[k] ?? 0), 0);
        const b = s.bouncerPeak;
        b.clActive = Math.max(b.clActive, sum("cl_active"));
        b.clWaiting = Math.max(b.clWaiting, sum("cl_waiting"));
        b.svActive = Math.max(b.svActive, sum("sv_active"));
        b.maxWaitS = Math.max(b.maxWaitS, ...pools.map((r) => Number(r.maxwait ?? 0)));
      } catch {
        s.pgSampleErrors++;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      // The kernel's own high-water mark also catches a peak between two samples.
      for (const p of procs) {
        s.hwmMb[p.name] = status(p.pid, "VmHWM");
        if (Number.isNaN(s.hwmMb[p.name])) s.gone.push(`${p.name} (pid ${p.pid}): ${procState(p.pid)}`);
      }
      await Promise.all([c.end(), admin.end()]);
      return s;
    },
  };
}
