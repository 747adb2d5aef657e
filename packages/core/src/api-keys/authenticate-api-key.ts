import type { TRole } from "@crm/config";
import { findApiKeyByHash, withTeamRaw } from "@crm/db";
import { DomainError } from "../errors";
import type { TTeamContext } from "../teams/membership";
import type { TApiKeyScope } from "./api-keys";
import { hashApiKey, isWellFormedApiKey } from "./secret";

export type TApiKeyAuth = {
  ctx: TTeamContext;
  scope: TApiKeyScope;
  keyId: string;
  /** The creator's current role, read with the key: only the review routes act with it (api-v1-reviewer.ts). */
  creatorRole: TRole;
};

/** lastUsedAt is a "roughly when" for settings: at most one write per key per this interval. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const unauthenticated = (message: string) => new DomainError("UNAUTHENTICATED", message);

/**
 * The key's team, acting as the member who created the key but with the MEMBER role whatever
 * theirs is: a key never manages the team. A key stops working when it is revoked or when its
 * creator leaves the team (they may still hold the secret; removal must cut them off).
 *
 * Leaving revokes a member's keys (revoke-member-keys.ts), but that cannot cover keys of members
 * removed before it existed, nor a key created while its creator was being removed. So a key
 * also needs the creator's CURRENT membership to be at least as old as the key: a key from an
 * earlier stay in the team never comes back to life when they are invited again.
 */
export async function authenticateApiKey(secret: string): Promise<TApiKeyAuth> {
  if (!isWellFormedApiKey(secret)) throw unauthenticated("This API key is malformed. Keys look like crm_ followed by 43 characters.");
  const key = await findApiKeyByHash(hashApiKey(secret));
  if (!key) throw unauthenticated("This API key is not valid. Check it, or create a new one in team settings.");
  if (key.revokedAt) throw unauthenticated("This API key has been revoked. Create a new one in team settings.");
  const creatorId = key.createdById;
  const now = new Date();
  const stale = !key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
  // One statement on the lean path (every API request pays for it): the team, the creator's
  // membership, and lastUsedAt written only when stale and only for a key that still works. The
  // condition repeats the staleness check so replicas racing on the same key write once.
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const [row] = await withTeamRaw(key.teamId, (tx) =>
    tx.$queryRaw<Array<{ slug: string; name: string; memberSince: Date | null; role: TRole | null }>>`
      WITH t AS (SELECT slug, name FROM "Team" WHERE id = ${key.teamId}),
           m AS (SELECT "createdAt", role::text AS role FROM "Membership" WHERE "teamId" = ${key.teamId} AND "userId" = ${creatorId ?? ""} LIMIT 1),
           touch AS (
             UPDATE "ApiKey" SET "lastUsedAt" = ${now}
              WHERE ${stale} AND id = ${key.id} AND "teamId" = ${key.teamId}
                AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${cutoff})
                AND EXISTS (SELECT 1 FROM t) AND EXISTS (SELECT 1 FROM m WHERE m."createdAt" <= ${key.createdAt})
             RETURNING 1)
      SELECT t.slug, t.name, (SELECT "createdAt" FROM m) AS "memberSince", (SELECT role FROM m) AS role, (SELECT count(*) FROM touch) AS touched FROM t`,
  );
  const found = { team: row ? { slug: row.slug, name: row.name } : null, member: row?.memberSince ? { createdAt: row.memberSince } : null };
  if (!found.team || !found.member || !creatorId || !row?.role) {
    throw unauthenticated("The member who created this API key is no longer in the team, so the key no longer works. Create a new one in team settings.");
  }
  if (found.member.createdAt > key.createdAt) {
    throw unauthenticated("This API key was created before its creator left the team and rejoined, so it no longer works. Create a new one in team settings.");
  }
  return {
    ctx: { teamId: key.teamId, slug: found.team.slug, teamName: found.team.name, userId: creatorId, role: "MEMBER" },
    scope: key.scope,
    keyId: key.id,
    creatorRole: row.role,
  };
}
