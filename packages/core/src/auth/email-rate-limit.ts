import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@crm/config";
import { producerRedis } from "@crm/jobs";
import { rateLimitIpKey } from "./ip-key";

// Hourly quotas on emails that someone other than the recipient can trigger (password resets,
// sign-up notices, invitations), in Redis like the sign-in limits so every web replica shares them. Without them
// one request loop floods a stranger's inbox and fills our sending reputation.
// Keys: "reset-email"/"sign-up-email" an address that has an account; "reset-ip" a client
// (rateLimitIpKey); "reset-ip-email" a (client, address) pair; "invite-email" a (team, address)
// pair, so no team can use up another's invitations to an address; "invite-sender" a user id.

const WINDOW_SECONDS = 3600;
type TQuota = "reset-email" | "reset-ip" | "reset-ip-email" | "invite-email" | "invite-sender" | "sign-up-email";
const limiters = new Map<TQuota, RateLimiterRedis>();

function pointsFor(quota: TQuota): number {
  const env = serverEnv();
  switch (quota) {
    case "reset-email":
    case "sign-up-email":
      return env.PASSWORD_RESET_MAX_PER_EMAIL;
    case "reset-ip":
      return env.PASSWORD_RESET_MAX_PER_IP;
    case "reset-ip-email":
      return env.PASSWORD_RESET_MAX_PER_IP_AND_EMAIL;
    case "invite-email":
      return env.INVITATIONS_MAX_PER_EMAIL;
    case "invite-sender":
      return env.INVITATIONS_MAX_PER_SENDER;
  }
}

function limiter(quota: TQuota): RateLimiterRedis {
  let l = limiters.get(quota);
  if (!l) {
    const points = pointsFor(quota);
    l = new RateLimiterRedis({
      storeClient: producerRedis(),
      keyPrefix: `${serverEnv().QUEUE_PREFIX}:email-quota:${quota}`,
      points,
      duration: WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
    });
    limiters.set(quota, l);
  }
  return l;
}

/** The key of a per-client quota; with an address, of a per-(client, address) quota. */
export const clientQuotaKey = (ip: string, email?: string) => (email === undefined ? rateLimitIpKey(ip) : `${rateLimitIpKey(ip)}|${email}`);

/** For tests that change the quotas through the environment. */
export function resetEmailQuotasForTests(): void {
  limiters.clear();
}

/**
 * Takes one email from every named quota. Returns null when all had room, else the seconds until
 * the fullest one frees up. A refused request still counts (a flood stays refused).
 */
export async function takeEmailQuota(entries: Array<[TQuota, string]>): Promise<number | null> {
  const results = await Promise.all(entries.map(([q, key]) => limiter(q).consume(key).then(() => 0, (e: unknown) => (e instanceof RateLimiterRes ? e.msBeforeNext : Promise.reject(e)))));
  const wait = Math.max(0, ...results);
  return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : null;
}
