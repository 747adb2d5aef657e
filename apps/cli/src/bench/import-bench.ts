// Import figures: a realistic 30,000-row Connections.csv, uploaded and imported by a real worker
// process (its peak RSS read from /proc), a no-change re-import, and a plain COPY of the same rows
// into an equivalent table, which is the physical floor we compare against.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { copyRows, withTeamSql } from "@crm/db";
import { createLinkedInAccount, getImport, receiveUpload, signUp, type TTeamContext } from "@crm/core";
import { parseConnectionsCsv } from "@crm/importer";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import workerFlags from "../../../worker/node-flags.json";
import { ms } from "./util";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 30_000);
const root = join(import.meta.dirname, "..", "..", "..", "..");

/** The production worker: the esbuild bundle run by plain Node, as deployed. */
function startWorker(prefix: string) {
  execFileSync(process.execPath, [join(root, "apps/worker/build.mjs")], { stdio: "inherit" });
  const child = spawn(process.execPath, [...workerFlags, join(root, "apps/worker/dist/main.mjs")], {
    env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_HEALTH_PORT: "0", NODE_ENV: "production", CRM_LOCAL_DEV: "1", AUTH_SECRET: "x".repeat(32) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const ready = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes("worker ready")) resolve(void clearInterval(t));
      if (child.exitCode !== null) reject(new Error(`worker exited: ${out}`));
    }, 50);
  });
  const peakRssMb = () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  return { child, ready, peakRssMb };
}

async function timedImport(ctx: TTeamContext, accountId: string, csv: Buffer) {
  const t0 = performance.now();
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([csv]), declaredBytes: csv.length });
  const accepted = performance.now() - t0;
  for (;;) {
    const s = await getImport(ctx, importId);
    // Any state the worker has left (including one waiting for the user) ends the wait.
    if (!["UPLOADING", "QUEUED", "PROCESSING"].includes(s.status)) return { total: performance.now() - t0, accepted, s };
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function copyFloor(teamId: string, csv: Buffer): Promise<number> {
  const rows = parseConnectionsCsv(csv).accepted;
  return withTeamSql(teamId, async (c) => {
    await c.query(`CREATE TEMP TABLE copy_floor (LIKE "Connection" INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP`);
    const t = performance.now();
    await copyRows(
      c,
      "copy_floor",
      ["id", "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", "email", "company", "position", "connectedOn"],
      rows.map((r) => [randomUUID(), teamId, "bench", r.identityKey, r.firstName, r.profileUrl, r.firstName, r.lastName, r.email, r.company, r.position, r.connectedOn]),
    );
    return performance.now() - t;
  });
}

export async function benchImport() {
  const prefix = `{crm-bench-${randomUUID()}}`;
  process.env.QUEUE_PREFIX = prefix;
  const { team, userId } = await signUp({ name: "Import Bench", email: `import-bench-${randomUUID()}@example.test`, password: "benchmark passphrase 2026", teamName: "Import Bench" });
  const ctx: TTeamContext = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  const { id: accountId } = await createLinkedInAccount(ctx, { label: "Bench", ownerUserId: userId, timeZone: "UTC" });
  const csv = Buffer.from(generateConnectionsCsv({ rows: ROWS, hidden: 40 }));

  const tParse = performance.now();
  parseConnectionsCsv(csv);
  const parseMs = performance.now() - tParse;

  const worker = startWorker(prefix);
  try {
    await worker.ready;
    const first = await timedImport(ctx, accountId, csv);
    const again = await timedImport(ctx, accountId, csv);
    const floor = await copyFloor(team.id, csv);
    console.log(`import ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB), upload accepted → summary ready: ${ms(first.total)} (upload accepted in ${ms(first.accepted)}; new ${first.s.new}, rejected ${first.s.rejected})`);
    console.log(`re-import of the same ${ROWS} rows (no changes):                ${ms(again.total)} (unchanged ${again.s.unchanged})`);
    console.log(`parse alone (decode + CSV + normalise, in this process):         ${ms(parseMs)}`);
    console.log(`plain COPY of the same rows into an equivalent table:            ${ms(floor)} → import is ${(first.total / floor).toFixed(1)}x COPY`);
    console.log(`worker peak RSS (VmHWM) across both imports:                    ${worker.peakRssMb().toFixed(0)} MB`);
  } finally {
    worker.child.kill("SIGTERM");
  }
}
