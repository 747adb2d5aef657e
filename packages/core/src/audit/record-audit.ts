import type { Prisma, TTx } from "@crm/db";

export type TAuditInput = {
  teamId: string;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
};

/** Written in the same transaction as the change it describes, so the trail cannot miss one. */
export async function recordAudit(tx: TTx, a: TAuditInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      teamId: a.teamId,
      actorUserId: a.actorUserId,
      action: a.action,
      targetType: a.targetType ?? null,
      targetId: a.targetId ?? null,
      metadata: a.metadata ?? {},
    },
  });
}
