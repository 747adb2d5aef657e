// The real worker process for the digest bench, alone (no web server: nothing here goes through
// HTTP): bundled with the options of apps/worker/build.mjs into var/bench/digest-worker, so the
// bench neither needs the e2e lock nor rewrites apps/worker/dist under a running Playwright, and
// started with the worker's own heap flags (node-flags.json), as `npm start` runs it. Its emails go
// to an SMTP sink in this process that counts and discards them.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { SMTPServer } from "smtp-server";
import workerFlags from "../../../worker/node-flags.json";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const outdir = join(root, "var", "bench", "digest-worker");

/** apps/worker/build.mjs's bundle, written elsewhere. */
async function bundleWorker(): Promise<string> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, "apps", "worker", "src", "main.ts")],
    outdir,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    conditions: ["source"],
    logLevel: "warning",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [
      {
        name: "externalize-node-modules",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@crm/") ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  return join(outdir, "main.mjs");
}

export type TWorkerProcess = { pid: number; logs: (maxChars?: number) => string; stop: () => Promise<void>; rssMb: () => number; peakRssMb: () => number };

function status(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 35_000);
    child.once("exit", () => resolve(void clearTimeout(kill)));
    child.kill("SIGTERM");
  });
}

/** Bundles and starts the worker with `env`; resolves once its health check answers. */
export async function startWorker(env: NodeJS.ProcessEnv, healthPort: number): Promise<TWorkerProcess> {
  const main = await bundleWorker();
  const out: string[] = [];
  const child = spawn(process.execPath, [...workerFlags, main], { cwd: outdir, env: { ...env, WORKER_HEALTH_PORT: String(healthPort) }, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (d: Buffer) => {
    out.push(d.toString());
    if (out.length > 4000) out.splice(0, out.length - 4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const logs = (maxChars = 8000) => out.join("").slice(-maxChars);
  const worker: TWorkerProcess = {
    pid: child.pid!,
    logs,
    stop: () => stopProcess(child),
    rssMb: () => status(child.pid!, "VmRSS"),
    peakRssMb: () => status(child.pid!, "VmHWM"),
  };
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode})\n${logs()}`);
    if (await fetch(`http://127.0.0.1:${healthPort}/health`).then((r) => r.ok, () => false)) return worker;
    if (Date.now() > until) {
      await worker.stop();
      throw new Error(`worker not healthy after 60 s\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type TSmtpSink = { url: string; count: () => number; close: () => Promise<void> };

/** Accepts every message, counts it, keeps nothing. */
export async function startSmtpSink(): Promise<TSmtpSink> {
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, done) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        n++;
        done();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, count: () => n, close: () => new Promise((r) => server.close(() => r())) };
}
