import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";
import { startTestEnv, stopTestEnv } from "../testing/setup";
import { consumeApiRequest, resetApiRateLimiterForTests } from "./api-rate-limit";

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
});
