import { cache } from "react";
import { notFound } from "next/navigation";
import { isDomainError, resolveTeamContext, type TTeamContext } from "@crm/core";
import { requireUser } from "./session";

/** For pages under /t/[slug]: the caller's membership, or the standard 404 for anyone else. */
export const requireTeam = cache(async (slug: string): Promise<TTeamContext> => {
  const user = await requireUser(`/t/${slug}`);
  try {
    return await resolveTeamContext({ userId: user.id, slug });
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
});
