import { cache } from "react";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionUser, resolveSessionTeam, type TSessionTeam, type TSessionUser } from "@crm/core";
import { authSecret } from "./auth-options";
import { safeReturnPath } from "./safe-redirect";
import { createSessionIdCache } from "./session-cookie";

/**
 * The signed-in user for this request, or null. Cached per request (one DB read). Reads the
 * session id straight from the signed cookie (only the cookie: never an Authorization header),
 * so it is never part of what next-auth sends to the browser.
 */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => getSessionUser(await sessionIdOfRequest()));

type TCookieStore = Awaited<ReturnType<typeof cookies>>;
const sessionIdOf = createSessionIdCache((store: TCookieStore) => getToken({ req: { cookies: store, headers: {} } as never, secret: authSecret() }));
const sessionIdOfRequest = cache(async (): Promise<string | undefined> => sessionIdOf(await cookies()));

/**
 * The signed-in user and their membership of the team `slug` (null when they are not in it), in
 * one round trip: team routes and actions ask this first on every request.
 */
export const getCurrentUserInTeam = cache(async (slug: string): Promise<TSessionTeam> => resolveSessionTeam(await sessionIdOfRequest(), slug));

export async function requireUser(returnTo?: string): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(safeReturnPath(returnTo))}` : "/sign-in");
  return user;
}
