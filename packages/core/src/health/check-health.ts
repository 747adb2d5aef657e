import { db } from "@crm/db";
import { pingRedis } from "@crm/jobs";

export type THealth = { status: "ok" | "degraded"; db: "up" | "down"; redis: "up" | "down"; latencyMs: { db: number; redis: number } };

async function timed(fn: () => Promise<boolean>): Promise<[boolean, number]> {
  const t = performance.now();
  const ok = await fn().catch(() => false);
  return [ok, Math.round(performance.now() - t)];
}

export async function checkHealth(): Promise<THealth> {
  const [[dbOk, dbMs], [redisOk, redisMs]] = await Promise.all([
    timed(async () => {
      await db().$queryRaw`SELECT 1`;
      return true;
    }),
    timed(() => pingRedis()),
  ]);
  return { status: dbOk && redisOk ? "ok" : "degraded", db: dbOk ? "up" : "down", redis: redisOk ? "up" : "down", latencyMs: { db: dbMs, redis: redisMs } };
}
