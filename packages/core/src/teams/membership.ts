import type { TRole } from "@crm/config";
import { withUser } from "@crm/db";
import { notFound } from "../errors";

export type TTeamContext = { teamId: string; slug: string; teamName: string; userId: string; role: TRole };

const RANK: Record<TRole, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };
export const roleAtLeast = (role: TRole, min: TRole) => RANK[role] >= RANK[min];

/**
 * Resolves the caller's membership in the team named by `slug`. Row-level security shows only
 * teams the user belongs to, so a team of someone else looks exactly like one that does not exist.
 */
export async function resolveTeamContext(input: { userId: string; slug: string }): Promise<TTeamContext> {
  const row = await withUser(input.userId, (tx) =>
    tx.team.findUnique({
      where: { slug: input.slug },
      select: { id: true, slug: true, name: true, memberships: { where: { userId: input.userId }, select: { role: true } } },
    }),
  );
  const m = row?.memberships[0];
  if (!row || !m) throw notFound("This team");
  return { teamId: row.id, slug: row.slug, teamName: row.name, userId: input.userId, role: m.role };
}

export async function listUserTeams(input: { userId: string }): Promise<Array<{ slug: string; name: string; role: TRole }>> {
  const rows = await withUser(input.userId, (tx) =>
    tx.membership.findMany({
      where: { userId: input.userId },
      select: { role: true, team: { select: { slug: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  );
  return rows.map((r) => ({ slug: r.team.slug, name: r.team.name, role: r.role }));
}
