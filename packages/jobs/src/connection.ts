import { Redis, type RedisOptions } from "ioredis";
import { serverEnv } from "@crm/config";

/**
 * Producers (web requests, CLI) fail fast when Redis is down: a command waits at most 2 s, then
 * errors instead of hanging the request, while the connection keeps reconnecting in the
 * background. Workers retry forever, and BullMQ requires maxRetriesPerRequest: null for them.
 */
export function redisOptions(kind: "producer" | "worker"): RedisOptions {
  const base: RedisOptions = { lazyConnect: false, connectTimeout: 5_000 };
  if (kind === "worker") {
    return { ...base, maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: (n) => Math.min(n * 500, 5_000) };
  }
  return { ...base, maxRetriesPerRequest: 1, commandTimeout: 2_000, retryStrategy: (n) => Math.min(n * 200, 2_000) };
}

export function createRedis(kind: "producer" | "worker", url = serverEnv().REDIS_URL): Redis {
  return new Redis(url, redisOptions(kind));
}

const g = globalThis as unknown as { __crmProducerRedis?: Redis };

/** Shared producer connection for enqueueing and health checks in this process. */
export function producerRedis(): Redis {
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

export async function pingRedis(redis: Redis = producerRedis(), timeoutMs = 2_000): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error("timeout")), timeoutMs)),
    ]);
    return pong === "PONG";
  } catch {
    return false;
  }
}
