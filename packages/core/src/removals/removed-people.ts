import type { TTeamContext } from "../teams/membership";
import type { TRemovedPerson } from "./types";

/** People removed through guided links on this account, newest first (keyset on removedAt, id). */
export declare function listRemovedPeople(
  ctx: TTeamContext,
  accountId: string,
  opts?: { cursor?: string | null; limit?: number },
): Promise<{ account: { id: string; label: string }; items: TRemovedPerson[]; nextCursor: string | null; total: number }>;

/** The whole list as CSV (safe-csv: formula-safe), for the "Removed people" download. */
export declare function removedPeopleCsv(ctx: TTeamContext, accountId: string): Promise<{ fileName: string; csv: string }>;
