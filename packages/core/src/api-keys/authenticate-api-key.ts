import { findApiKeyByHash, withTeam } from "@crm/db";
import { DomainError } from "../errors";
import type { TTeamContext } from "../teams/membership";
import type { TApiKeyScope } from "./api-keys";
import { hashApiKey, isWellFormedApiKey } from "./secret";

export type TApiKeyAuth = { ctx: TTeamContext; scope: TApiKeyScope; keyId: string };

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
  const found = await withTeam(key.teamId, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: key.teamId }, select: { slug: true, name: true } });
    const member = creatorId ? await tx.membership.findFirst({ where: { teamId: key.teamId, userId: creatorId }, select: { id: true, createdAt: true } }) : null;
    // The condition repeats the staleness check so replicas racing on the same key write once.
    if (team && member && member.createdAt <= key.createdAt && stale) {
      await tx.apiKey.updateMany({
        where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
        data: { lastUsedAt: now },
      });
    }
    return { team, member };
  });
  if (!found.team || !found.member || !creatorId) {
    throw unauthenticated("The member who created this API key is no longer in the team, so the key no longer works. Create a new one in team settings.");
  }
  if (found.member.createdAt > key.createdAt) {
    throw unauthenticated("This API key was created before its creator left the team and rejoined, so it no longer works. Create a new one in team settings.");
  }
  return {
    ctx: { teamId: key.teamId, slug: found.team.slug, teamName: found.team.name, userId: creatorId, role: "MEMBER" },
    scope: key.scope,
    keyId: key.id,
  };
}
