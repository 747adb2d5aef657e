import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import { serverEnv } from "@crm/config";

/** One Redis, or a Redis Cluster when REDIS_CLUSTER_NODES is set; BullMQ and the rate limiters take either. */
export type TRedis = Redis | Cluster;
export type TRedisClusterNode = { host: string; port: number };

/**
 * Producers (web requests, CLI) fail fast when Redis is down: a command waits at most 2 s, then
 * errors instead of hanging the request, while the connection keeps reconnecting in the
 * background. Workers retry forever, and BullMQ requires maxRetriesPerRequest: null for them.
 * With a cluster these are the options of each node's connection (retryStrategy aside, which the
 * cluster owns: clusterOptions).
 */
export function redisOptions(kind: "producer" | "worker"): RedisOptions {
  const base: RedisOptions = { lazyConnect: false, connectTimeout: 5_000 };
  if (kind === "worker") {
    return { ...base, maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (n) => Math.min(n * 500, 5_000) };
  }
  return { ...base, maxRetriesPerRequest: 1, commandTimeout: 2_000, retryStrategy: (n) => Math.min(n * 200, 2_000) };
}

/**
 * The Cluster client's options: the node options above, the same back-off for rediscovering the
 * cluster, and REDIS_URL's user, password and TLS (rediss:) for every node. Left at ioredis'
 * defaults on purpose: clusterNodeRetryStrategy (a node that went away is found again through
 * the slot map; retrying its socket instead left a worker's blocking command hanging forever
 * after the node came back, cluster.integration.test.ts) and the CLUSTERDOWN retries (16 tries
 * 100 ms apart, which keeps a producer's failure under 2 s).
 */
export function clusterOptions(kind: "producer" | "worker", url = serverEnv().REDIS_URL): ClusterOptions {
  const { retryStrategy, ...node } = redisOptions(kind);
  const u = new URL(url);
  const auth = {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
  };
  return { redisOptions: { ...node, ...auth }, clusterRetryStrategy: (n) => retryStrategy!(n) as number, enableReadyCheck: true };
}

export function createRedis(kind: "producer" | "worker", url?: string, clusterNodes?: TRedisClusterNode[]): TRedis {
  // An explicit url means one Redis, whatever the environment says.
  const nodes = clusterNodes ?? (url === undefined ? serverEnv().REDIS_CLUSTER_NODES : undefined);
  if (nodes?.length) return new Cluster(nodes, clusterOptions(kind, url ?? serverEnv().REDIS_URL));
  return new Redis(url ?? serverEnv().REDIS_URL, redisOptions(kind));
}

const g = globalThis as unknown as { __crmProducerRedis?: TRedis };

/** Shared producer connection for enqueueing and health checks in this process. */
export function producerRedis(): TRedis {
  if (!g.__crmProducerRedis || g.__crmProducerRedis.status === "end") {
    g.__crmProducerRedis = createRedis("producer");
    g.__crmProducerRedis.on("error", () => {
      /* surfaced by the failing command; keeps ioredis from logging unhandled errors */
    });
  }
  return g.__crmProducerRedis;
}

export async function closeProducerRedis(): Promise<void> {
  const r = g.__crmProducerRedis;
  g.__crmProducerRedis = undefined;
  if (r && r.status !== "end") await r.quit().catch(() => r.disconnect());
}

/**
 * A single Redis answers PING. A cluster node answers PING even while the cluster is down, so a
 * cluster is probed with a read in the queues' slot (QUEUE_PREFIX's hash tag): that reaches the
 * master holding every queue and fails with CLUSTERDOWN when the cluster cannot serve it.
 */
export async function pingRedis(redis: TRedis = producerRedis(), timeoutMs = 2_000): Promise<boolean> {
  try {
    const probe = redis instanceof Cluster ? redis.exists(`${serverEnv().QUEUE_PREFIX}:health`).then(() => "PONG") : redis.ping();
    const pong = await Promise.race([probe, new Promise<never>((_, rej) => setTimeout(() => rej(new Error("timeout")), timeoutMs))]);
    return pong === "PONG";
  } catch {
    return false;
  }
}
