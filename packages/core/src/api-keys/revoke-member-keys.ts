import type { TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";

/**
 * A member's keys die with their membership: revoked (not just unusable while they are away), so
 * inviting the same person back later does not bring an old secret back to life. Runs in the
 * removal's transaction; each key gets its own audit entry saying why.
 */
export async function revokeMemberApiKeys(
  tx: TTx,
  input: { teamId: string; userId: string; actorUserId: string; reason: "member_removed" | "member_left" },
): Promise<number> {
  const keys = await tx.apiKey.findMany({
    where: { teamId: input.teamId, createdById: input.userId, revokedAt: null },
    select: { id: true, name: true, prefix: true },
  });
  if (keys.length === 0) return 0;
  const revokedAt = new Date();
  await tx.apiKey.updateMany({ where: { teamId: input.teamId, id: { in: keys.map((k) => k.id) }, revokedAt: null }, data: { revokedAt } });
  for (const k of keys) {
    await recordAudit(tx, {
      teamId: input.teamId,
      actorUserId: input.actorUserId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: k.id,
      metadata: { name: k.name, prefix: k.prefix, reason: input.reason, memberUserId: input.userId },
    });
  }
  return keys.length;
}
