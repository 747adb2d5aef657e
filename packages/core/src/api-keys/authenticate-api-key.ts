import type { TRole } from "@crm/config";
import { simpleBatchRaw } from "@crm/db";
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
type TKeyRow = {
  id: string;
  teamId: string;
  scope: TApiKeyScope;
  createdById: string | null;
  revokedAt: Date | null;
  createdAt: Date;
  slug: string | null;
  teamName: string | null;
  memberSince: Date | null;
  role: TRole | null;
};

export async function authenticateApiKey(secret: string): Promise<TApiKeyAuth> {
  if (!isWellFormedApiKey(secret)) throw unauthenticated("This API key is malformed. Keys look like crm_ followed by 43 characters.");
  const now = new Date();
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  // Every API request pays for this, so it is ONE round trip (simpleBatchRaw): the key by its hash
  // (the narrow app.api_key_hash policy), its team as app.team_id for the rest of the message, then
  // the team, the creator's membership, and lastUsedAt written only when stale and only for a key
  // that still works. The staleness condition is in the UPDATE so replicas racing on one key write
  // once. The hash is hex and the times are ISO strings: quoted by lit() all the same.
  const results = await simpleBatchRaw((lit) => {
    const hash = lit(hashApiKey(secret));
    return `
      SELECT set_config('app.api_key_hash', ${hash}, true);
      SELECT set_config('app.team_id', coalesce((SELECT "teamId" FROM "ApiKey" WHERE "keyHash" = ${hash}), ''), true);
      WITH k AS (SELECT id, "teamId", scope::text AS scope, "createdById", "lastUsedAt", "revokedAt", "createdAt" FROM "ApiKey" WHERE "keyHash" = ${hash}),
           t AS (SELECT slug, name FROM "Team" WHERE id = (SELECT "teamId" FROM k)),
           m AS (SELECT "createdAt", role::text AS role FROM "Membership"
                  WHERE "teamId" = (SELECT "teamId" FROM k) AND "userId" = (SELECT "createdById" FROM k) LIMIT 1),
           touch AS (
             UPDATE "ApiKey" SET "lastUsedAt" = ${lit(now.toISOString())}::timestamp
              WHERE id = (SELECT id FROM k) AND "teamId" = (SELECT "teamId" FROM k) AND "revokedAt" IS NULL
                AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${lit(cutoff.toISOString())}::timestamp)
                AND EXISTS (SELECT 1 FROM t) AND EXISTS (SELECT 1 FROM m WHERE m."createdAt" <= (SELECT "createdAt" FROM k))
             RETURNING 1)
      SELECT k.id, k."teamId", k.scope, k."createdById", k."revokedAt", k."createdAt", t.slug, t.name AS "teamName",
             m."createdAt" AS "memberSince", m.role, (SELECT count(*) FROM touch) AS touched
        FROM k LEFT JOIN t ON true LEFT JOIN m ON true`;
  });
  const key = results[2]?.[0] as TKeyRow | undefined;
  if (!key) throw unauthenticated("This API key is not valid. Check it, or create a new one in team settings.");
  if (key.revokedAt) throw unauthenticated("This API key has been revoked. Create a new one in team settings.");
  const creatorId = key.createdById;
  if (!key.slug || key.teamName === null || !key.memberSince || !creatorId || !key.role) {
    throw unauthenticated("The member who created this API key is no longer in the team, so the key no longer works. Create a new one in team settings.");
  }
  if (key.memberSince > key.createdAt) {
    throw unauthenticated("This API key was created before its creator left the team and rejoined, so it no longer works. Create a new one in team settings.");
  }
  return {
    ctx: { teamId: key.teamId, slug: key.slug, teamName: key.teamName, userId: creatorId, role: "MEMBER" },
    scope: key.scope,
    keyId: key.id,
    creatorRole: key.role,
  };
}
