import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";
import { DomainError } from "../errors";
import { rateLimitIpKey } from "./ip-key";

// Failed sign-ins are counted in Redis (shared by every web replica), three ways (OWASP
// Authentication Cheat Sheet: slow attackers down without letting them lock the owner out):
// - per (account, IP) pair: one client guessing one account is stopped early; the owner, from
//   their own IP, is not affected by anyone else's failures;
// - per IP, across accounts: password spraying from one client;
// - per account, across IPs: a high ceiling against a distributed guess. It can be hit on
//   purpose, so a successful sign-in and a password reset (proof of the mailbox) clear it.
// Accounts are keyed by the email as typed, known or not (same behaviour for both); clients by
// rateLimitIpKey (an IPv6 /64 is one client). An attempt takes its point from all three counters
// atomically BEFORE the password is checked, so a parallel burst cannot slip past a read-only
// check; a success gives the points back. A request refused for being over a limit gives back
// whatever it took, so it neither counts elsewhere nor extends anything: a block lasts the rest of
// its window, never longer. If Redis is down, an in-memory limiter stands in.

type TLimiters = { pair: RateLimiterRedis; ip: RateLimiterRedis; account: RateLimiterRedis };
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
  return {
    pair: make("acct-ip", env.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP),
    ip: make("ip", env.LOGIN_MAX_FAILURES_PER_IP),
    account: make("acct", env.LOGIN_MAX_FAILURES_PER_ACCOUNT),
  };
}

function get(): TLimiters {
  limiters ??= build();
  return limiters;
}

/** For tests that change the limits through the environment. */
export function resetLoginLimitersForTests(): void {
  limiters = undefined;
}

const keysFor = (accountKey: string, rawIp: string) => {
  const ip = rateLimitIpKey(rawIp);
  return { pair: `${accountKey}|${ip}`, ip, account: accountKey };
};

function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function tooMany(msBeforeNext: number, accountWide: boolean): DomainError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const message = accountWide
    ? `This account has had too many failed sign-in attempts. Reset your password to sign in now, or try again in ${minutesText(seconds)}.`
    : `Too many failed sign-in attempts. Try again in ${minutesText(seconds)}, or reset your password.`;
  return new DomainError("RATE_LIMITED", message, { retryAfterSeconds: seconds });
}

/**
 * A cheap early refusal (the sign-in route answers 429 before next-auth runs): throws RATE_LIMITED
 * when any counter is already spent; consumes nothing. takeLoginAttempt is the real gate.
 */
export async function assertLoginAllowed(accountKey: string, rawIp: string): Promise<void> {
  const env = serverEnv();
  const l = get();
  const k = keysFor(accountKey, rawIp);
  const [p, i, a] = await Promise.all([l.pair.get(k.pair), l.ip.get(k.ip), l.account.get(k.account)]);
  const spent = (r: RateLimiterRes | null, max: number) => (r && r.consumedPoints >= max ? r.msBeforeNext : 0);
  const local = Math.max(spent(p, env.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP), spent(i, env.LOGIN_MAX_FAILURES_PER_IP));
  if (local > 0) throw tooMany(local, false);
  const wide = spent(a, env.LOGIN_MAX_FAILURES_PER_ACCOUNT);
  if (wide > 0) throw tooMany(wide, true);
}

const refusedAfter = (r: PromiseSettledResult<RateLimiterRes>) =>
  r.status === "rejected" && r.reason instanceof RateLimiterRes ? r.reason.msBeforeNext : 0;

/**
 * Takes one attempt from the pair, IP and account counters before the password is checked; the
 * point stays taken unless clearAccountFailures follows (a success). Over any limit: every point
 * this call took is given back and RATE_LIMITED is thrown.
 */
export async function takeLoginAttempt(accountKey: string, rawIp: string): Promise<void> {
  const l = get();
  const k = keysFor(accountKey, rawIp);
  const results = await Promise.allSettled([l.pair.consume(k.pair), l.ip.consume(k.ip), l.account.consume(k.account)]);
  const failure = results.find((r) => r.status === "rejected" && !(r.reason instanceof RateLimiterRes));
  const [p, i, a] = results.map(refusedAfter) as [number, number, number];
  if (!failure && p === 0 && i === 0 && a === 0) return;
  // Every consume that reached its store incremented it (refused ones too): undo those.
  const counters = [[l.pair, k.pair], [l.ip, k.ip], [l.account, k.account]] as const;
  await Promise.all(counters.map(([limiter, key], n) => (results[n]!.status === "fulfilled" || results[n]!.reason instanceof RateLimiterRes ? limiter.reward(key) : null)));
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const local = Math.max(p, i);
  throw local > 0 ? tooMany(local, false) : tooMany(a, true);
}

/** After a successful sign-in: this pair's failures and the account-wide ceiling go; the IP gets its point back. */
export async function clearAccountFailures(accountKey: string, rawIp: string): Promise<void> {
  const l = get();
  const k = keysFor(accountKey, rawIp);
  await Promise.all([l.pair.delete(k.pair), l.account.delete(k.account), l.ip.reward(k.ip)]);
}

/** After a password reset: whoever reset it holds the mailbox, so the account-wide block ends. */
export async function clearAccountLock(accountKey: string): Promise<void> {
  await get().account.delete(accountKey);
}
