// The topology harness (issue 14): a Redis Cluster and PgBouncer on loopback, started by tests
// and benches themselves. ensureTopologyPackages() installs what Debian packages are missing, as
// scripts/test.mjs does for Chromium.
import { aptInstall } from "../lib.mjs";
import { existsSync } from "node:fs";
import { findBinary } from "./processes.mjs";
import { PGBOUNCER_PATH } from "./pgbouncer.mjs";

export { startRedisCluster, clusterInfo, masterOf } from "./redis-cluster.mjs";
export { startPgBouncer, PGBOUNCER_PATH } from "./pgbouncer.mjs";
export { findBinary, lockPorts, portOpen } from "./processes.mjs";

/** Installs pgbouncer (and redis-server / redis-cli) through apt when missing. Returns what is still missing. */
export function ensureTopologyPackages({ log = console.log } = {}) {
  const wanted = [];
  if (!existsSync(PGBOUNCER_PATH)) wanted.push("pgbouncer");
  if (!findBinary("redis-server") || !findBinary("redis-cli")) wanted.push("redis-server");
  if (wanted.length) {
    log(`installing ${wanted.join(", ")} for the topology tests (apt-get install)…`);
    aptInstall(wanted);
  }
  const missing = [];
  if (!existsSync(PGBOUNCER_PATH)) missing.push(`pgbouncer (${PGBOUNCER_PATH})`);
  if (!findBinary("redis-server")) missing.push("redis-server");
  if (!findBinary("redis-cli")) missing.push("redis-cli");
  if (missing.length) log(`still missing after apt-get: ${missing.join(", ")}; the topology tests will be skipped with that message`);
  return missing;
}

/**
 * Why the topology tests of `kinds` ("redis", "pgbouncer") cannot run here, as a sentence naming
 * the missing binaries, or null when they can.
 */
export function missingTopologyBinaries(kinds = ["redis", "pgbouncer"]) {
  const missing = [];
  if (kinds.includes("pgbouncer") && !existsSync(PGBOUNCER_PATH)) missing.push(`pgbouncer (${PGBOUNCER_PATH})`);
  if (kinds.includes("redis")) for (const b of ["redis-server", "redis-cli"]) if (!findBinary(b)) missing.push(b);
  return missing.length ? `not installed: ${missing.join(", ")} (node -e "import('./scripts/topology/index.mjs').then(m => m.ensureTopologyPackages())" installs them)` : null;
}
