import type { TRole } from "@crm/config";
import { withUserRaw } from "@crm/db";
import { notFound } from "../errors";

export type TTeamContext = { teamId: string; slug: string; teamName: string; userId: string; role: TRole };

const RANK: Record<TRole, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };
export const roleAtLeast = (role: TRole, min: TRole) => RANK[role] >= RANK[min];

/**
 * Resolves the caller's membership in the team named by `slug`. Row-level security shows only
 * teams the user belongs to, so a team of someone else looks exactly like one that does not exist.
 */
export async function resolveTeamContext(input: { userId: string; slug: string }): Promise<TTeamContext> {
  // Every team page and route starts here: the lean path, one statement (issue 13).
  const [row] = await withUserRaw(input.userId, (tx) =>
    tx.$queryRaw<Array<{ id: string; slug: string; name: string; role: TRole }>>`
      SELECT t.id, t.slug, t.name, m.role::text AS role
        FROM "Team" t JOIN "Membership" m ON m."teamId" = t.id AND m."userId" = ${input.userId}
       WHERE t.slug = ${input.slug}`,
  );
  if (!row) throw notFound("This team");
  return { teamId: row.id, slug: row.slug, teamName: row.name, userId: input.userId, role: row.role };
}

export async function listUserTeams(input: { userId: string }): Promise<Array<{ slug: string; name: string; role: TRole }>> {
  // Every team page's header (the team switcher): the lean path.
  return withUserRaw(input.userId, (tx) =>
    tx.$queryRaw<Array<{ slug: string; name: string; role: TRole }>>`
      SELECT t.slug, t.name, m.role::text AS role
        FROM "Membership" m JOIN "Team" t ON t.id = m."teamId"
       WHERE m."userId" = ${input.userId} ORDER BY m."createdAt", m.id`,
  );
}
