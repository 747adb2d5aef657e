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
  refused.clear();
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
    if (!(e instanceof RateLimiterRes)) throw e;
    remember(keyId, Date.now() + e.msBeforeNext);
    return stateOf(points, e, false);
  }
}

// Keys this process saw refused, until their window resets. The API wrapper looks a key up in
// the database while Redis counts it (one round trip less per request), except for a key known to
// be over its limit: a flood from one key then costs Redis, not the database. Capped: a flood of
// distinct keys cannot grow it without bound.
const REFUSED_MAX = 10_000;
const refused = new Map<string, number>();

function remember(keyId: string, until: number): void {
  if (refused.delete(keyId)) {
    refused.set(keyId, until);
    return;
  }
  if (refused.size >= REFUSED_MAX) {
    const now = Date.now();
    for (const [k, t] of refused) if (t <= now) refused.delete(k);
    if (refused.size >= REFUSED_MAX) refused.delete(refused.keys().next().value!);
  }
  refused.set(keyId, until);
}

/** Whether this process saw the key refused in its current window (see remember). */
export function knownOverLimit(keyId: string): boolean {
  const until = refused.get(keyId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  refused.delete(keyId);
  return false;
}
