// PgBouncer in transaction pooling mode on loopback, in front of the Postgres of `dbUrl`, for tests
// and benches. Debian's package (1.18 on bookworm) refuses to run as root: as root it is started
// as the postgres OS user through setpriv, which execs it (signals reach pgbouncer itself).
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockPorts, portOpen, requireBinary, run, startChild, stopChild, tail, waitFor } from "./processes.mjs";

export const PGBOUNCER_PATH = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";
const HINT = "Install it with `apt-get install -y --no-install-recommends pgbouncer` (scripts/topology/index.mjs: ensureTopologyPackages()) or set PGBOUNCER_PATH.";

const quote = (s) => `"${String(s).replace(/"/g, '""')}"`;

function iniText({ port, dbUrl, dir, settings }) {
  const u = new URL(dbUrl);
  const all = {
    listen_addr: "127.0.0.1",
    listen_port: port,
    // No unix socket: two instances (or the system's) would fight over /var/run/postgresql.
    unix_socket_dir: "",
    auth_type: "trust",
    auth_file: join(dir, "userlist.txt"),
    admin_users: "postgres",
    pool_mode: "transaction",
    max_client_conn: 500,
    default_pool_size: 20,
    // Transaction pooling hands a server connection to the next client after COMMIT: a reset
    // query would only run on session pooling anyway, and our settings are transaction-local.
    server_reset_query: "",
    // pg sends extra_float_digits; our pools send options (-c jit=off -c TimeZone=UTC), which 1.18
    // cannot forward: ignored here, so those settings must come from the role (see the report).
    ignore_startup_parameters: "extra_float_digits,options",
    // A restarted Postgres is tried again after 1 s instead of 15 (tests restart things).
    server_login_retry: 1,
    logfile: join(dir, "pgbouncer.log"),
    pidfile: join(dir, "pgbouncer.pid"),
    ...settings,
  };
  const lines = Object.entries(all).map(([k, v]) => `${k} = ${v}`);
  // Every database name is forwarded to the same server under the same name.
  return `[databases]\n* = host=${u.hostname} port=${u.port || 5432}\n\n[pgbouncer]\n${lines.join("\n")}\n`;
}

function ownerIds() {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(run("id", ["-u", "postgres"]).out);
  const gid = Number(run("id", ["-g", "postgres"]).out);
  if (!Number.isInteger(uid) || uid <= 0) throw new Error("pgbouncer refuses to run as root and there is no `postgres` OS user to run it as");
  return { uid, gid };
}

/**
 * Starts PgBouncer on 127.0.0.1:`port` forwarding to `dbUrl`'s server. `users` (name → password)
 * go to the auth_file: clients are trusted, the passwords are what PgBouncer logs in with.
 * `settings` overrides pgbouncer.ini keys (e.g. { default_pool_size: 1 }).
 * Returns { port, dir, via(url), stop(), start(), restart(), close(), log() }.
 */
export async function startPgBouncer({ port, dbUrl, dir, users = { crm_app: "crm_app", postgres: "" }, settings = {}, readyTimeoutMs = 10_000 } = {}) {
  if (!port || !dbUrl) throw new Error("startPgBouncer needs { port, dbUrl }");
  const binary = requireBinary(PGBOUNCER_PATH, HINT);
  const ownDir = !dir;
  dir ??= mkdtempSync(join(tmpdir(), "crm-pgbouncer-"));
  const release = await lockPorts([port]);
  const ids = ownerIds();
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(join(dir, "userlist.txt"), Object.entries(users).map(([n, p]) => `${quote(n)} ${quote(p)}`).join("\n") + "\n");
  writeFileSync(ini, iniText({ port, dbUrl, dir, settings }));
  if (ids) for (const f of [dir, ini, join(dir, "userlist.txt")]) chownSync(f, ids.uid, ids.gid);

  let child;
  const start = async () => {
    if (await portOpen(port)) throw new Error(`port ${port} is already in use: is a pgbouncer left over from another run? (lsof -i :${port})`);
    rmSync(join(dir, "pgbouncer.pid"), { force: true });
    const [cmd, args] = ids
      ? ["setpriv", [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, "--init-groups", binary, ini]]
      : [binary, [ini]];
    child = startChild(cmd, args, { logFile: join(dir, "stdout.log") });
    await waitFor(`pgbouncer on ${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${tail(join(dir, "pgbouncer.log"))}\n${tail(join(dir, "stdout.log"))}`);
      return portOpen(port);
    }, readyTimeoutMs);
  };
  /** SIGTERM is PgBouncer's immediate shutdown: every client and server connection is closed. */
  const stopOnly = () => stopChild(child, "SIGTERM");

  const handle = {
    port,
    dir,
    /** `url` with its host and port replaced by this PgBouncer's. */
    via(url) {
      const v = new URL(url);
      v.hostname = "127.0.0.1";
      v.port = String(port);
      return v.toString();
    },
    /** Starts it again after stop(), same port and configuration. */
    start,
    /** Stops the process only: the port stays reserved and the configuration kept for start(). */
    stop: stopOnly,
    /** Stops it for good: frees the port and deletes the directory it made. */
    async close() {
      await stopOnly();
      release();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    /** Stop, then start again on the same port with the same configuration. */
    async restart() {
      await stopOnly();
      await start();
    },
    log: () => tail(join(dir, "pgbouncer.log"), 40),
  };
  try {
    await start();
  } catch (e) {
    release();
    throw e;
  }
  return handle;
}
