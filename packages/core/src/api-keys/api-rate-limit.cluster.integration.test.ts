import { randomUUID } from "node:crypto";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { closeProducerRedis, createRedis, producerRedis } from "@crm/jobs";
import { missingTopologyBinaries, startRedisCluster, type TRedisClusterHandle } from "../../../../scripts/topology/index.mjs";
import { consumeApiRequest, resetApiRateLimiterForTests } from "./api-rate-limit";

// The API budget of a key is shared by every web replica through a Redis Cluster: each replica
// has its own Cluster client (here: one, closed, then another), and the count carries over.
// Same ports as packages/jobs/src/cluster.integration.test.ts: the harness makes one wait.

const PORTS = [7301, 7302, 7303];
const missing = missingTopologyBinaries(["redis"]);
if (missing) console.warn(`Redis Cluster rate-limit test skipped: ${missing}`);
let cluster: TRedisClusterHandle;

describe.skipIf(!!missing)(`API rate limit on a Redis Cluster${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    cluster = await startRedisCluster({ ports: PORTS });
    process.env.REDIS_CLUSTER_NODES = cluster.nodes;
    process.env.API_RATE_LIMIT_PER_MINUTE = "5";
    resetServerEnvForTests();
    resetApiRateLimiterForTests();
    await closeProducerRedis();
  }, 200_000);
  afterAll(async () => {
    await closeProducerRedis();
    delete process.env.REDIS_CLUSTER_NODES;
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    resetServerEnvForTests();
    resetApiRateLimiterForTests();
    await cluster?.stop();
  });

  it("counts one key's requests across two separate Cluster clients", async () => {
    const key = `key-${randomUUID()}`;
    const first = producerRedis();
    expect(first).toBeInstanceOf(Cluster);
    const a = [];
    for (let i = 0; i < 3; i++) a.push(await consumeApiRequest(key));
    expect(a.map((s) => s.remaining)).toEqual([4, 3, 2]);

    // Another replica: a new client and a new limiter.
    await closeProducerRedis();
    resetApiRateLimiterForTests();
    expect(producerRedis()).not.toBe(first);
    const b = await Promise.all([0, 1, 2, 3].map(() => consumeApiRequest(key)));
    expect(b.filter((s) => s.allowed)).toHaveLength(2);
    expect(b.filter((s) => !s.allowed)).toHaveLength(2);

    // The counter is one key, in the queues' slot, on the master serving "{crm}".
    const direct = createRedis("producer", `redis://127.0.0.1:${cluster.masterOf("{crm}")}`);
    try {
      expect(Number(await direct.get(`{crm}:api:${key}`))).toBe(7);
    } finally {
      direct.disconnect();
    }
  });
});
