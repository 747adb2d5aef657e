import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";
import { startTestEnv, stopTestEnv } from "../testing/setup";
import { consumeApiRequest, knownOverLimit, resetApiRateLimiterForTests } from "./api-rate-limit";

// Real Redis, a limit of 5 a minute through the environment, as an operator would set it.
beforeAll(async () => {
  await startTestEnv();
  process.env.API_RATE_LIMIT_PER_MINUTE = "5";
  resetServerEnvForTests();
  resetApiRateLimiterForTests();
});
afterAll(async () => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetServerEnvForTests();
  resetApiRateLimiterForTests();
  await stopTestEnv();
});

describe("API rate limit per key", () => {
  it("counts down, then refuses with the time to wait, per key, in Redis", async () => {
    const key = `key-${randomUUID()}`;
    const seen = [];
    for (let i = 0; i < 7; i++) seen.push(await consumeApiRequest(key));
    expect(seen.map((s) => [s.allowed, s.remaining])).toEqual([[true, 4], [true, 3], [true, 2], [true, 1], [true, 0], [false, 0], [false, 0]]);
    for (const s of seen) {
      expect(s.limit).toBe(5);
      expect(s.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(s.resetSeconds).toBeLessThanOrEqual(60);
    }
    // Another key has its own budget.
    expect(await consumeApiRequest(`key-${randomUUID()}`)).toMatchObject({ allowed: true, remaining: 4 });
    // The counter lives in Redis under this deployment's prefix (shared by every web replica).
    const stored = await producerRedis().get(`${serverEnv().QUEUE_PREFIX}:api:${key}`);
    expect(Number(stored)).toBe(7);
  });

  it("opens again when the window ends", async () => {
    const key = `key-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await consumeApiRequest(key);
    expect((await consumeApiRequest(key)).allowed).toBe(false);
    // End the window now instead of waiting a minute.
    await producerRedis().del(`${serverEnv().QUEUE_PREFIX}:api:${key}`);
    expect(await consumeApiRequest(key)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it("remembers a refused key until its window resets, so the API skips its database lookup", async () => {
    const key = `key-${randomUUID()}`;
    for (let i = 0; i < 5; i++) await consumeApiRequest(key);
    expect(knownOverLimit(key)).toBe(false);
    expect((await consumeApiRequest(key)).allowed).toBe(false);
    expect(knownOverLimit(key)).toBe(true);
    expect(knownOverLimit(`key-${randomUUID()}`)).toBe(false);
  });

  it("keeps at most 10,000 refused keys: a flood of distinct keys cannot grow it without bound", async () => {
    const keys = Array.from({ length: 10_001 }, () => `key-${randomUUID()}`);
    await producerRedis().mset(...keys.flatMap((k) => [`${serverEnv().QUEUE_PREFIX}:api:${k}`, "5"]));
    await Promise.all(keys.map(async (k) => {
      await producerRedis().pexpire(`${serverEnv().QUEUE_PREFIX}:api:${k}`, 60_000);
      expect((await consumeApiRequest(k)).allowed).toBe(false);
    }));
    // One of them was dropped to make room for the last.
    expect(keys.filter((k) => knownOverLimit(k))).toHaveLength(10_000);
  }, 60_000);
});
