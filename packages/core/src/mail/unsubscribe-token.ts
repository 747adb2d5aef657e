import { createHmac, timingSafeEqual } from "node:crypto";
import { serverEnv } from "@crm/config";
import { EMAIL_KINDS, type TEmailKind } from "./preferences";

// Unsubscribe links (RFC 8058, docs/decisions/0012). The link is the credential: a mail client
// POSTs to it without cookies, so it carries the team, the member and the topic, signed with an
// HMAC of the app secret. Nothing is stored; a link keeps working until the secret changes (links
// in old emails must still work, so there is no expiry). The "v1" label lets a future format
// coexist. The worker signs and the web verifies: both need the same AUTH_SECRET.

export type TUnsubscribeTopic = "digest" | "summary" | TEmailKind;
export type TUnsubscribeArgs = { teamId: string; userId: string; topic: TUnsubscribeTopic };

export const UNSUBSCRIBE_TOPICS: readonly TUnsubscribeTopic[] = ["digest", "summary", ...EMAIL_KINDS];
export const MAX_TOKEN_LENGTH = 512;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

// Outside production AUTH_SECRET may be unset; then the web app signs sessions with this same
// fallback (apps/web/src/lib/auth-options.ts), and config refuses to start production without one.
const DEV_SECRET = "development-only-secret-not-for-production-use";

function secret(): string {
  return serverEnv().AUTH_SECRET ?? DEV_SECRET;
}

function mac(payload: string, key = secret()): Buffer {
  return createHmac("sha256", key).update(`unsubscribe:v1:${payload}`).digest();
}

export const isUnsubscribeTopic = (t: unknown): t is TUnsubscribeTopic => typeof t === "string" && (UNSUBSCRIBE_TOPICS as readonly string[]).includes(t);

export function unsubscribeToken(args: TUnsubscribeArgs, key?: string): string {
  if (!ID.test(args.teamId) || !ID.test(args.userId)) throw new RangeError("unsubscribeToken: teamId and userId must be ids.");
  if (!isUnsubscribeTopic(args.topic)) throw new RangeError(`unsubscribeToken: unknown topic "${String(args.topic)}".`);
  const payload = Buffer.from(JSON.stringify({ t: args.teamId, u: args.userId, k: args.topic })).toString("base64url");
  return `${payload}.${mac(payload, key).toString("base64url")}`;
}

/** The token's contents when it is well-formed and signed by this app; otherwise null. */
export function readUnsubscribeToken(token: unknown, key?: string): TUnsubscribeArgs | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, payload, sig] = m as unknown as [string, string, string];
  const given = Buffer.from(sig, "base64url");
  const want = mac(payload, key);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t?: unknown; u?: unknown; k?: unknown };
    if (typeof v.t !== "string" || typeof v.u !== "string" || !ID.test(v.t) || !ID.test(v.u) || !isUnsubscribeTopic(v.k)) return null;
    return { teamId: v.t, userId: v.u, topic: v.k };
  } catch {
    return null;
  }
}

const appUrl = () => serverEnv().APP_URL.replace(/\/+$/, "");

/** The List-Unsubscribe target: a one-click POST endpoint (a GET there only shows the page). */
export function unsubscribeUrl(args: TUnsubscribeArgs): string {
  return `${appUrl()}/api/unsubscribe/${unsubscribeToken(args)}`;
}

/** The footer link: a page that says what will stop and asks for a click. */
export function unsubscribePageUrl(args: TUnsubscribeArgs): string {
  return `${appUrl()}/unsubscribe/${unsubscribeToken(args)}`;
}

/** Both headers for an outbox row (RFC 2369 + RFC 8058). */
export function unsubscribeHeaders(args: TUnsubscribeArgs): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(args)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
