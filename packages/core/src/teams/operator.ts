import { findTeamBySlug, withTeam } from "@crm/db";
import { DomainError, notFound } from "../errors";
import type { TTeamContext } from "./membership";

/**
 * The CLI acts for a team as an operator: it names the team by slug and acts as one of its
 * owners (or as the member given by email), so every service runs its usual membership checks.
 */
export async function operatorTeamContext(slug: string, asEmail?: string): Promise<TTeamContext> {
  const team = await findTeamBySlug(slug);
  if (!team) throw notFound(`The team “${slug}”`);
  const member = await withTeam(team.id, (tx) =>
    tx.membership.findFirst({
      where: { teamId: team.id, ...(asEmail ? { user: { email: asEmail.trim().toLowerCase() } } : { role: "OWNER" }) },
      orderBy: { createdAt: "asc" },
      select: { userId: true, role: true },
    }),
  );
  if (!member) throw new DomainError("NOT_FOUND", asEmail ? `${asEmail} is not a member of ${slug}.` : `The team ${slug} has no owner.`);
  return { teamId: team.id, slug: team.slug, teamName: team.name, userId: member.userId, role: asEmail ? member.role : "OWNER" };
}
