import { withTeam } from "@crm/db";
import type { TFunction, TSeniority } from "@crm/scoring";
import { createLinkedInAccount } from "../../accounts/accounts";
import type { TTeamContext } from "../../teams/membership";
import type { TConnectionStatus } from "../filter/types";

// Connections with every field under the test's control, inserted as the app would see them,
// plus tags and ICP scores written straight through Prisma (the tag services live elsewhere).

export type TPerson = {
  first: string;
  last: string;
  account: string;
  company?: string | null;
  position?: string | null;
  seniority?: TSeniority | null;
  function?: TFunction | null;
  connectedOn?: string | null;
  /** Days since the last message; null = never messaged. */
  lastDays?: number | null;
  endorsed?: boolean;
  recommended?: boolean;
  status?: TConnectionStatus;
  jobChanged?: boolean;
};

export type TSeeded = TPerson & { id: string; lastInteractionAt: Date | null };

const DAY = 86_400_000;

export async function addAccount(ctx: TTeamContext, label: string): Promise<string> {
  return (await createLinkedInAccount(ctx, { label, ownerUserId: ctx.userId, timeZone: "Europe/Berlin" })).id;
}

export async function seedPeople(ctx: TTeamContext, people: TPerson[], now = Date.now()): Promise<TSeeded[]> {
  const data = people.map((p, i) => ({
    teamId: ctx.teamId,
    accountId: p.account,
    identityKey: `li:${p.first}-${p.last}-${i}`.toLowerCase(),
    nameKey: `${p.first}|${p.last}`.toLowerCase(),
    profileUrl: `https://www.linkedin.com/in/p-${i}`,
    firstName: p.first,
    lastName: p.last,
    company: p.company ?? null,
    position: p.position ?? null,
    seniority: p.seniority ?? null,
    function: p.function ?? null,
    connectedOn: p.connectedOn ? new Date(`${p.connectedOn}T00:00:00Z`) : null,
    lastInteractionAt: p.lastDays == null ? null : new Date(now - p.lastDays * DAY),
    messageCount: p.lastDays == null ? 0 : 3,
    endorsedMe: p.endorsed ?? false,
    endorsementCount: p.endorsed ? 2 : 0,
    recommendedMe: p.recommended ?? false,
    status: p.status ?? "CONNECTED",
    jobChangedAt: p.jobChanged ? new Date(now - 5 * DAY) : null,
  }));
  const rows = await withTeam(ctx.teamId, (tx) => tx.connection.createManyAndReturn({ data, select: { id: true, identityKey: true } }));
  const byKey = new Map(rows.map((r) => [r.identityKey, r.id]));
  return people.map((p, i) => ({ ...p, id: byKey.get(data[i]!.identityKey)!, lastInteractionAt: data[i]!.lastInteractionAt }));
}

export async function addTag(ctx: TTeamContext, name: string, connectionIds: string[]): Promise<string> {
  return withTeam(ctx.teamId, async (tx) => {
    const tag = await tx.tag.create({ data: { teamId: ctx.teamId, name, nameKey: name.toLowerCase(), color: "#0f766e" } });
    await tx.connectionTag.createMany({ data: connectionIds.map((connectionId) => ({ teamId: ctx.teamId, tagId: tag.id, connectionId })) });
    return tag.id;
  });
}

export type TScoreRow = { connectionId: string; score: number; flags?: string[] };

const bandOf = (score: number) => (score >= 70 ? "strong" : score >= 40 ? "partial" : "none");

export async function addIcp(ctx: TTeamContext, name: string, scores: TScoreRow[], createdAt: Date): Promise<string> {
  return withTeam(ctx.teamId, async (tx) => {
    const icp = await tx.icp.create({ data: { teamId: ctx.teamId, name, definition: {}, createdAt } });
    await tx.icpScore.createMany({
      data: scores.map((s) => ({ teamId: ctx.teamId, icpId: icp.id, connectionId: s.connectionId, version: 1, score: s.score, band: bandOf(s.score), reasons: [], flags: s.flags ?? [] })),
    });
    return icp.id;
  });
}

export { bandOf };
