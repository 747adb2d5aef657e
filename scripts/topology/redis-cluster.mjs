// A three-master Redis Cluster on loopback for tests and benches: one redis-server per port, each
// with its own directory (AOF and nodes.conf survive a kill, so restart(port) brings back the same
// node with the same slots and data).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockPorts, portOpen, requireBinary, run, startChild, stopChild, tail, waitFor } from "./processes.mjs";

const HINT = "Install Redis (apt-get install redis-server, which brings redis-cli too).";

function serverArgs(port, dir) {
  return [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--protected-mode", "yes",
    "--cluster-enabled", "yes",
    "--cluster-config-file", join(dir, "nodes.conf"),
    "--cluster-node-timeout", "2000",
    "--appendonly", "yes",
    "--save", "",
    "--dir", dir,
    "--daemonize", "no",
    "--logfile", join(dir, "redis.log"),
  ];
}

/** CLUSTER INFO of one node as a map, or null when it does not answer. */
export function clusterInfo(port, cli = requireBinary("redis-cli", HINT)) {
  const r = run(cli, ["-h", "127.0.0.1", "-p", String(port), "cluster", "info"], { timeout: 3_000 });
  if (!r.ok || r.out.startsWith("ERR") || r.out.startsWith("Could not connect")) return null;
  return Object.fromEntries(r.out.split("\n").map((l) => l.trim().split(":")).filter((kv) => kv.length === 2));
}

/** The port of the master serving `key`'s slot (e.g. "{crm}" for every queue). */
export function masterOf(key, ports, cli = requireBinary("redis-cli", HINT)) {
  const slot = Number(run(cli, ["-h", "127.0.0.1", "-p", String(ports[0]), "cluster", "keyslot", key]).out);
  // CLUSTER SLOTS rows: start, end, then [ip, port, id] of the master.
  const slots = run(cli, ["-h", "127.0.0.1", "-p", String(ports[0]), "--json", "cluster", "slots"]);
  if (slots.ok) {
    for (const [start, end, master] of JSON.parse(slots.out)) if (slot >= start && slot <= end) return Number(master[1]);
  }
  throw new Error(`no master found for slot ${slot} of ${key}: ${slots.out}`);
}

/**
 * Starts three masters on 127.0.0.1 (`ports`, three of them), joins them with
 * `redis-cli --cluster create`, and waits until every node reports cluster_state:ok.
 * Returns { ports, nodes ("127.0.0.1:p,..."), stop(), kill(port), restart(port), masterOf(key) }.
 */
export async function startRedisCluster({ ports, dir, readyTimeoutMs = 30_000 } = {}) {
  if (!Array.isArray(ports) || ports.length !== 3) throw new Error("startRedisCluster needs three ports");
  const server = requireBinary("redis-server", HINT);
  const cli = requireBinary("redis-cli", HINT);
  const release = await lockPorts(ports);
  const ownDir = !dir;
  dir ??= mkdtempSync(join(tmpdir(), "crm-redis-cluster-"));
  const procs = new Map();
  const dirOf = (port) => join(dir, String(port));

  const launch = async (port) => {
    const child = startChild(server, serverArgs(port, dirOf(port)));
    procs.set(port, child);
    await waitFor(`redis-server on ${port}`, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited (${child.exitCode}):\n${tail(join(dirOf(port), "redis.log"))}`);
      return portOpen(port);
    }, 10_000);
  };
  const allOk = () => ports.every((p) => clusterInfo(p, cli)?.cluster_state === "ok");
  const waitOk = () =>
    waitFor("cluster_state:ok on every node", async () => allOk(), readyTimeoutMs, () => `\n${ports.map((p) => `${p}: ${clusterInfo(p, cli)?.cluster_state ?? "down"}`).join("\n")}`);

  const handle = {
    ports,
    dir,
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(","),
    async stop() {
      await Promise.all([...procs.values()].map((c) => stopChild(c, "SIGTERM")));
      procs.clear();
      release();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    /** SIGKILL: no shutdown, no final AOF rewrite; what was written before stays in the AOF. */
    async kill(port) {
      const child = procs.get(port);
      if (!child) throw new Error(`no redis-server of this cluster on ${port}`);
      await stopChild(child, "SIGKILL");
      procs.delete(port);
    },
    /** Starts the node again with its directory (same node id, slots and AOF), then waits for cluster_state:ok. */
    async restart(port) {
      if (procs.has(port)) await handle.kill(port);
      await launch(port);
      await waitOk();
    },
    masterOf: (key) => masterOf(key, ports, cli),
  };

  try {
    for (const p of ports) {
      if (await portOpen(p)) throw new Error(`port ${p} is already in use: is a redis-server left over from another run? (lsof -i :${p})`);
      mkdirSync(dirOf(p), { recursive: true });
    }
    await Promise.all(ports.map(launch));
    const created = run(cli, ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 30_000 });
    if (!created.ok) throw new Error(`redis-cli --cluster create failed:\n${created.out}`);
    await waitOk();
    return handle;
  } catch (e) {
    await handle.stop();
    throw e;
  }
}
