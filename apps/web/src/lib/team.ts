import { cache } from "react";
import { notFound } from "next/navigation";
import { isDomainError, resolveTeamContext, type TTeamContext } from "@crm/core";
import { wellFormedParams } from "./route-params";
import { teamReturnPath } from "./return-path";
import { requireUser } from "./session";

/**
 * A page's params, or the not-found page when one is malformed (%ff, %00: lib/route-params.ts),
 * before anything passes them to a query.
 */
export async function pageParams<P extends Record<string, string>>(params: Promise<P>): Promise<P> {
  const p = await wellFormedParams(params);
  if (!p) notFound();
  return p;
}

/** For pages under /t/[slug]: the caller's membership, or the standard 404 for anyone else. */
export const requireTeam = cache(async (slug: string): Promise<TTeamContext> => {
  const user = await requireUser(await teamReturnPath(slug));
  try {
    return await resolveTeamContext({ userId: user.id, slug });
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});

/** Something of this team looked up by id: another team's id gets the same 404 as a made-up one. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
