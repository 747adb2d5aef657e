import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";
import { DomainError } from "../errors";

// Failed sign-ins are counted per account (email as typed, known or not: same behaviour for both)
// and per client IP, in Redis so every web replica shares them. A block lasts the rest of the
// window, never longer, and a successful sign-in clears the account counter, so a real user is
// never locked out for good. If Redis is down, an in-memory limiter stands in.

type TLimiters = { account: RateLimiterRedis; ip: RateLimiterRedis };
let limiters: TLimiters | undefined;

function build(): TLimiters {
  const env = serverEnv();
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterRedis({
      storeClient: producerRedis(),
      keyPrefix: `${env.QUEUE_PREFIX}:login:${keyPrefix}`,
      points,
      duration: env.LOGIN_WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points, duration: env.LOGIN_WINDOW_SECONDS }),
    });
  return { account: make("acct", env.LOGIN_MAX_FAILURES_PER_ACCOUNT), ip: make("ip", env.LOGIN_MAX_FAILURES_PER_IP) };
}

function get(): TLimiters {
  limiters ??= build();
  return limiters;
}

/** For tests that change the limits through the environment. */
export function resetLoginLimitersForTests(): void {
  limiters = undefined;
}

function tooMany(msBeforeNext: number): DomainError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError(
    "RATE_LIMITED",
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`,
    { retryAfterSeconds: seconds },
  );
}

/** Throws RATE_LIMITED when either counter is already spent; consumes nothing. */
export async function assertLoginAllowed(accountKey: string, ip: string): Promise<void> {
  const env = serverEnv();
  const { account, ip: byIp } = get();
  const [a, i] = await Promise.all([account.get(accountKey), byIp.get(ip)]);
  const blocked = [
    a && a.consumedPoints >= env.LOGIN_MAX_FAILURES_PER_ACCOUNT ? a.msBeforeNext : 0,
    i && i.consumedPoints >= env.LOGIN_MAX_FAILURES_PER_IP ? i.msBeforeNext : 0,
  ];
  const wait = Math.max(...blocked);
  if (wait > 0) throw tooMany(wait);
}

export async function recordLoginFailure(accountKey: string, ip: string): Promise<void> {
  const { account, ip: byIp } = get();
  await Promise.all([
    account.consume(accountKey).catch((e: unknown) => (e instanceof RateLimiterRes ? e : Promise.reject(e))),
    byIp.consume(ip).catch((e: unknown) => (e instanceof RateLimiterRes ? e : Promise.reject(e))),
  ]);
}

export async function clearAccountFailures(accountKey: string): Promise<void> {
  await get().account.delete(accountKey);
}
