import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";

// Every API request spends one point of its key's budget (API_RATE_LIMIT_PER_MINUTE per fixed
// one-minute window), counted in Redis so all web replicas share it. If Redis is down, an
// in-memory limiter per process stands in rather than failing every request.

export type TRateLimitState = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (and, when refused, until a retry can succeed). */
  resetSeconds: number;
};

let limiter: { points: number; rl: RateLimiterRedis } | undefined;

function get(): { points: number; rl: RateLimiterRedis } {
  if (limiter) return limiter;
  const env = serverEnv();
  const points = env.API_RATE_LIMIT_PER_MINUTE;
  limiter = {
    points,
    rl: new RateLimiterRedis({
      storeClient: producerRedis(),
      keyPrefix: `${env.QUEUE_PREFIX}:api`,
      points,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    }),
  };
  return limiter;
}

/** For tests that change the limit through the environment. */
export function resetApiRateLimiterForTests(): void {
  limiter = undefined;
}

const stateOf = (points: number, r: RateLimiterRes, allowed: boolean): TRateLimitState => ({
  allowed,
  limit: points,
  remaining: Math.max(0, r.remainingPoints),
  resetSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
});

export async function consumeApiRequest(keyId: string): Promise<TRateLimitState> {
  const { points, rl } = get();
  try {
    return stateOf(points, await rl.consume(keyId), true);
  } catch (e) {
    if (e instanceof RateLimiterRes) return stateOf(points, e, false);
    throw e;
  }
}
