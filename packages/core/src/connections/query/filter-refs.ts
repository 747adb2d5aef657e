import type { TRawTx } from "@crm/db";
import { anyIdSql, idSql } from "../filter/sql";
import { DomainError } from "../../errors";
import type { TConnectionFilter } from "../filter/types";

// The REST API's rule for ids in a filter: one that is not the team's is a 404 naming the
// parameter, for tags and accounts as for the ICP (resolveIcp, list.ts), so a typo or a deleted
// tag never reads as "nobody matches". The app keeps its own rule: a stale link still opens, and
// the table explains what it could not use. Runs inside the list's own transaction (no extra round
// trip per request); at most FILTER_LIMITS.values ids each, so the lookups are bounded.

export async function assertFilterRefs(tx: TRawTx, teamId: string, filter: TConnectionFilter): Promise<void> {
  const tags = filter.tags ?? [];
  const accounts = filter.accounts ?? [];
  const missing = (ids: string[], found: Array<{ id: string }>) => ids.find((id) => !found.some((f) => f.id === id));
  if (tags.length) {
    const tag = missing(tags, await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Tag" WHERE "teamId" = ${idSql(teamId)} AND id = ${anyIdSql(tags)}`);
    if (tag) throw new DomainError("NOT_FOUND", `The tag “${tag}” does not exist or you do not have access to it.`, { field: "tag" });
  }
  if (accounts.length) {
    const account = missing(accounts, await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "LinkedInAccount" WHERE "teamId" = ${idSql(teamId)} AND id = ${anyIdSql(accounts)}`);
    if (account) throw new DomainError("NOT_FOUND", `The LinkedIn account “${account}” does not exist or you do not have access to it.`, { field: "account" });
  }
}
