import { z } from "zod";
import { withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { operatorTeamContext } from "../teams/operator";
import { generateApiKeySecret, hashApiKey, shownPrefix } from "./secret";

export const API_KEY_SCOPES = ["READ", "READ_WRITE"] as const;
export type TApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. what will use it.").max(100, "Keep the name under 100 characters."),
  scope: z.enum(API_KEY_SCOPES, "Choose read or read and write."),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

/** What settings show about a key; never its hash. */
export type TApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scope: TApiKeyScope;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type TCreatedApiKey = TApiKeySummary & { secret: string };

const MANAGERS = "Only owners and admins can manage API keys.";

/** Returns the secret once; only its SHA-256 is stored, so it cannot be shown again. */
export async function createApiKey(ctx: TTeamContext, raw: TCreateApiKeyInput): Promise<TCreatedApiKey> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden(MANAGERS);
  const parsed = ZCreateApiKeyInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "name"), issue.message);
  }
  const secret = generateApiKeySecret();
  const prefix = shownPrefix(secret);
  const row = await withTeam(ctx.teamId, async (tx) => {
    const key = await tx.apiKey.create({
      data: { teamId: ctx.teamId, name: parsed.data.name, prefix, keyHash: hashApiKey(secret), scope: parsed.data.scope, createdById: ctx.userId },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "api_key.created", targetType: "api_key", targetId: key.id, metadata: { name: parsed.data.name, scope: parsed.data.scope, prefix } });
    const creator = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    return { ...key, createdByName: creator?.name ?? null };
  });
  return { id: row.id, name: parsed.data.name, prefix, scope: parsed.data.scope, createdAt: row.createdAt, createdByName: row.createdByName, lastUsedAt: null, revokedAt: null, secret };
}

/** Newest first, revoked ones included (with when), so the page shows the whole history. */
export async function listApiKeys(ctx: TTeamContext): Promise<TApiKeySummary[]> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden(MANAGERS);
  return withTeam(ctx.teamId, async (tx) => {
    const keys = await tx.apiKey.findMany({
      where: { teamId: ctx.teamId },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: { id: true, name: true, prefix: true, scope: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
    });
    const creatorIds = [...new Set(keys.flatMap((k) => (k.createdById ? [k.createdById] : [])))];
    const users = creatorIds.length ? await tx.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return keys.map(({ createdById, ...k }) => ({ ...k, createdByName: (createdById && names.get(createdById)) || null }));
  });
}

/** Revoking takes effect on the key's next request. Revoking twice is harmless. */
export async function revokeApiKey(ctx: TTeamContext, keyId: string): Promise<{ revokedAt: Date }> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden(MANAGERS);
  return withTeam(ctx.teamId, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, teamId: ctx.teamId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw notFound("This API key");
    if (key.revokedAt) return { revokedAt: key.revokedAt };
    const { revokedAt } = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { revokedAt: true } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "api_key.revoked", targetType: "api_key", targetId: key.id, metadata: { name: key.name, prefix: key.prefix } });
    return { revokedAt: revokedAt! };
  });
}

/** Operator path (CLI): a key for the team named by slug, created as its first owner. */
export async function createApiKeyForTeam(teamSlug: string, scope: TApiKeyScope, name: string): Promise<TCreatedApiKey> {
  const ctx = await operatorTeamContext(teamSlug);
  return createApiKey(ctx, { name, scope });
}
