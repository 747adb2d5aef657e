import { randomUUID } from "node:crypto";
import { z } from "zod";
import { withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { uniqueSlug } from "./slug";

export const ZTeamName = z.string().trim().min(1, "Enter a team name.").max(80, "Use at most 80 characters.");

export type TCreatedTeam = { id: string; slug: string; name: string };

/** Inside an existing team-scoped transaction whose app.team_id is `teamId`. */
export async function insertTeamWithOwner(tx: TTx, teamId: string, name: string, ownerUserId: string): Promise<TCreatedTeam> {
  const team = await tx.team.create({ data: { id: teamId, name, slug: uniqueSlug(name) }, select: { id: true, slug: true, name: true } });
  await tx.membership.create({ data: { teamId, userId: ownerUserId, role: "OWNER" } });
  await recordAudit(tx, { teamId, actorUserId: ownerUserId, action: "team.created", targetType: "team", targetId: teamId });
  return team;
}

export async function createTeam(input: { userId: string; name: string }): Promise<TCreatedTeam> {
  const name = ZTeamName.parse(input.name);
  const teamId = randomUUID();
  return withTeam(teamId, (tx) => insertTeamWithOwner(tx, teamId, name, input.userId));
}
