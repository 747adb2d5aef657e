import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { CONNECTION_LOST_MESSAGE, isConnectionLost, isDomainError, notFound, type TSessionUser, type TTeamContext } from "@crm/core";
import { isSameOrigin } from "./same-origin";
import { getCurrentUser, getCurrentUserInTeam } from "./session";

// Every server action goes through one of these: input is parsed with zod from the form, the
// user comes from the session, and the team from the user's membership (never from the form
// alone). Domain errors become messages for the form; anything else is logged and hidden.

export type TActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: Record<string, string | number | boolean | null>;
} | null;

function fromForm(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

function toState(e: unknown): TActionState {
  if (e instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const i of e.issues) fieldErrors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors };
  }
  if (isDomainError(e)) {
    return { ok: false, message: e.message, ...(e.details.field ? { fieldErrors: { [e.details.field]: e.message } } : {}) };
  }
  if (isConnectionLost(e)) return { ok: false, message: CONNECTION_LOST_MESSAGE };
  console.error("action failed:", e);
  return { ok: false, message: "Something went wrong on our side. Please try again." };
}

type TResult = TActionState | void;

const CROSS_SITE: TActionState = { ok: false, message: "Cross-site requests are not allowed. Reload the page and try again." };
const SESSION_ENDED: TActionState = { ok: false, message: "Your session has ended. Sign in again." };

/**
 * Next checks a server action's Origin against X-Forwarded-Host/Host, but lets a request without
 * Origin through (even with Sec-Fetch-Site: cross-site) and believes a client-sent
 * X-Forwarded-Host. Browsers always send Origin with an action's POST, so we require it and
 * compare it with the host we trust (lib/same-origin.ts).
 */
async function crossSite(): Promise<boolean> {
  return !isSameOrigin({ headers: await headers() }, { requireOrigin: true });
}

export function publicAction<S extends z.ZodType>(schema: S, fn: (input: z.output<S>) => Promise<TResult>) {
  return async (_prev: TActionState, formData: FormData): Promise<TActionState> => {
    if (await crossSite()) return CROSS_SITE;
    try {
      return (await fn(schema.parse(fromForm(formData)))) ?? { ok: true };
    } catch (e) {
      if (isRedirect(e)) throw e;
      return toState(e);
    }
  };
}

export function userAction<S extends z.ZodType>(schema: S, fn: (input: z.output<S>, user: TSessionUser) => Promise<TResult>) {
  return async (_prev: TActionState, formData: FormData): Promise<TActionState> => {
    if (await crossSite()) return CROSS_SITE;
    const user = await getCurrentUser();
    if (!user) return SESSION_ENDED;
    try {
      return (await fn(schema.parse(fromForm(formData)), user)) ?? { ok: true };
    } catch (e) {
      if (isRedirect(e)) throw e;
      return toState(e);
    }
  };
}

const ZTeamSlug = z.object({ teamSlug: z.string().min(1).max(100) });

export function teamAction<S extends z.ZodObject>(schema: S, fn: (input: z.output<S>, team: TTeamContext, user: TSessionUser) => Promise<TResult>) {
  const full = schema.extend(ZTeamSlug.shape);
  return async (_prev: TActionState, formData: FormData): Promise<TActionState> => {
    if (await crossSite()) return CROSS_SITE;
    const fields = fromForm(formData);
    // The session and the membership in one round trip (lib/session.ts); the form is checked after
    // the session, as userAction does, so a signed-out caller hears that first.
    const { user, team } = await getCurrentUserInTeam(typeof fields.teamSlug === "string" ? fields.teamSlug : "");
    if (!user) return SESSION_ENDED;
    try {
      const input = full.parse(fields);
      // Not a member: the same answer as for a team that does not exist.
      if (!team) throw notFound("This team");
      return (await fn(input as z.output<S>, team, user)) ?? { ok: true };
    } catch (e) {
      if (isRedirect(e)) throw e;
      return toState(e);
    }
  };
}

// redirect()/notFound() work by throwing; let them through.
function isRedirect(e: unknown): boolean {
  const d = (e as { digest?: unknown })?.digest;
  return typeof d === "string" && (d.startsWith("NEXT_REDIRECT") || d.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
