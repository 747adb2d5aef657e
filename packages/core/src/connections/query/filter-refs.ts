import { withTeam } from "@crm/db";
import { DomainError } from "../../errors";
import type { TTeamContext } from "../../teams/membership";
import type { TConnectionFilter } from "../filter/types";

// The REST API's rule for ids in a filter: one that is not the team's is a 404 naming the
// parameter, for tags and accounts as for the ICP (resolveIcp), so a typo or a deleted tag never
// reads as "nobody matches". The app keeps its own rule: a stale link still opens, and the table
// explains what it could not use. At most FILTER_LIMITS.values ids each, so the lookups are bounded.

export async function assertFilterRefsExist(ctx: TTeamContext, filter: TConnectionFilter): Promise<void> {
  const tags = filter.tags ?? [];
  const accounts = filter.accounts ?? [];
  if (!tags.length && !accounts.length && !filter.icp) return;
  const [foundTags, foundAccounts, icp] = await withTeam(ctx.teamId, async (tx) => [
    tags.length ? await tx.tag.findMany({ where: { teamId: ctx.teamId, id: { in: tags } }, select: { id: true }, take: tags.length }) : [],
    accounts.length ? await tx.linkedInAccount.findMany({ where: { teamId: ctx.teamId, id: { in: accounts } }, select: { id: true }, take: accounts.length }) : [],
    filter.icp ? await tx.icp.findFirst({ where: { teamId: ctx.teamId, id: filter.icp }, select: { id: true } }) : null,
  ] as const);
  if (filter.icp && !icp) throw new DomainError("NOT_FOUND", `The ICP “${filter.icp}” does not exist or you do not have access to it.`, { field: "icp" });
  const missing = (ids: string[], found: Array<{ id: string }>) => ids.find((id) => !found.some((f) => f.id === id));
  const tag = missing(tags, foundTags);
  if (tag) throw new DomainError("NOT_FOUND", `The tag “${tag}” does not exist or you do not have access to it.`, { field: "tag" });
  const account = missing(accounts, foundAccounts);
  if (account) throw new DomainError("NOT_FOUND", `The LinkedIn account “${account}” does not exist or you do not have access to it.`, { field: "account" });
}
