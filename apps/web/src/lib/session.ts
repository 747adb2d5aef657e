import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getSessionUser, type TSessionUser } from "@crm/core";
import { authOptions } from "./auth-options";

/** The signed-in user for this request, or null. Cached per request (one DB read). */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const session = (await getServerSession(authOptions())) as { sid?: string } | null;
  return getSessionUser(session?.sid);
});

export async function requireUser(returnTo?: string): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}
