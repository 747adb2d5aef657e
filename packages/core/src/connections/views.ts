import { Prisma, withTeam, withTeamRaw } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { parseFilter } from "./filter/parse";
import { serializeFilter } from "./filter/serialize";

// A saved view is a named filter: the canonical query string of the table, so it survives column
// and default changes, and opening it is just following a link. Private views are the owner's;
// shared ones are listed for the whole team (only the owner, or an owner/admin, deletes those).

export type TSavedView = { id: string; name: string; query: string; shared: boolean; ownerName: string; mine: boolean };

export const VIEW_NAME_MAX = 80;

function cleanName(raw: unknown): string {
  const name = typeof raw === "string" ? raw.trim().replace(/\s+/g, " ") : "";
  if (!name) throw invalid("name", "Give the view a name.");
  if (name.length > VIEW_NAME_MAX) throw invalid("name", `A view name has at most ${VIEW_NAME_MAX} characters (this one has ${name.length}).`);
  return name;
}

/** The filter part of a query string, canonical; a malformed parameter is refused, not dropped. */
export function canonicalViewQuery(raw: string): string {
  const { filter, errors } = parseFilter(raw.replace(/^\?/, ""));
  const first = errors[0];
  if (first) throw invalid("query", `This view's filter has a problem with “${first.param}”: ${first.message}`);
  return serializeFilter(filter).toString();
}

export async function listViews(ctx: TTeamContext): Promise<TSavedView[]> {
  const rows = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string; name: string; query: string; shared: boolean; ownerUserId: string; ownerName: string }>>`
      SELECT v.id, v.name, v.query, v.shared, v."ownerUserId", u.name AS "ownerName"
        FROM "SavedView" v JOIN "User" u ON u.id = v."ownerUserId"
       WHERE v."teamId" = ${ctx.teamId} AND (v."ownerUserId" = ${ctx.userId} OR v.shared)
       ORDER BY v.name, v.id`, { interactive: true });
  return rows.map((v) => ({ id: v.id, name: v.name, query: v.query, shared: v.shared, ownerName: v.ownerName, mine: v.ownerUserId === ctx.userId }));
}

/** Saves (or overwrites, by name) one of the caller's views. */
export async function saveView(ctx: TTeamContext, input: { name: unknown; query: string; shared: boolean }): Promise<TSavedView> {
  const name = cleanName(input.name);
  const query = canonicalViewQuery(input.query);
  return withTeam(ctx.teamId, async (tx) => {
    try {
      const v = await tx.savedView.upsert({
        where: { teamId_ownerUserId_name: { teamId: ctx.teamId, ownerUserId: ctx.userId, name } },
        create: { teamId: ctx.teamId, ownerUserId: ctx.userId, name, query, shared: input.shared },
        update: { query, shared: input.shared },
        select: { id: true, owner: { select: { name: true } } },
      });
      if (input.shared) await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "view.shared", targetType: "view", targetId: v.id, metadata: { name } });
      return { id: v.id, name, query, shared: input.shared, ownerName: v.owner.name, mine: true };
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw conflict(`You already have a view named “${name}”.`, "name");
      throw e;
    }
  });
}

export async function deleteView(ctx: TTeamContext, viewId: string): Promise<void> {
  await withTeam(ctx.teamId, async (tx) => {
    const v = await tx.savedView.findFirst({ where: { id: viewId, teamId: ctx.teamId, OR: [{ ownerUserId: ctx.userId }, { shared: true }] } });
    if (!v) throw notFound("This view");
    if (v.ownerUserId !== ctx.userId && !roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only its owner, or an owner or admin, can delete a shared view.");
    await tx.savedView.delete({ where: { id: v.id } });
  });
}
