import { randomUUID } from "node:crypto";
import { copyRows, withTeamSql, type TCopyValue, type TSqlClient } from "@crm/db";
import { emptyIcpDefinition } from "@crm/scoring";
import { createLinkedInAccount } from "../accounts/accounts";
import { saveIcp } from "../icps/icps";
import type { TTeamContext } from "../teams/membership";

// Queue-build fixtures: people, ICPs and scores written directly (as the rescore job would), so a
// test says exactly who fits what. Everything goes through withTeamSql (RLS as the app role).

export type TPersonSpec = {
  key: string;
  connectedOn?: string | null;
  lastInteractionAt?: Date | null;
  endorsedMe?: boolean;
  recommendedMe?: boolean;
  status?: "CONNECTED" | "GONE" | "REMOVAL_PENDING" | "REMOVED";
  company?: string;
  position?: string;
  /** Per ICP (by index): [score, flags]. */
  scores?: Array<[number, string[]] | null>;
};

/** COPY refuses tables under row-level security: copy into a temp twin, then INSERT ... SELECT. */
async function copyInto(c: TSqlClient, table: string, columns: string[], rows: TCopyValue[][]) {
  const tmp = `tmp_${table.toLowerCase()}`;
  await c.query(`CREATE TEMP TABLE IF NOT EXISTS ${tmp} (LIKE "${table}" INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copyRows(c, tmp, columns, rows);
  const cols = columns.map((x) => `"${x}"`).join(", ");
  await c.query(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM ${tmp}`);
}

const band = (s: number) => (s >= 70 ? "strong" : s >= 40 ? "partial" : "none");

export async function addAccountFor(ctx: TTeamContext, label = `Net ${randomUUID().slice(0, 6)}`) {
  return (await createLinkedInAccount(ctx, { label, ownerUserId: ctx.userId, timeZone: "UTC" })).id;
}

export async function addScoredIcps(ctx: TTeamContext, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const { id } = await saveIcp(ctx, { name, definition: { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" } } });
    ids.push(id);
  }
  await withTeamSql(ctx.teamId, (c) => c.query(`UPDATE "Icp" SET "scoredVersion" = 1 WHERE id = ANY($1::text[])`, [ids]));
  return ids;
}

/** Inserts people into the account and their scores; returns key → connection id. */
export async function addPeople(ctx: TTeamContext, accountId: string, icpIds: string[], people: TPersonSpec[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  await withTeamSql(ctx.teamId, async (c) => {
    const rows = people.map((p): TCopyValue[] => {
      const id = randomUUID();
      ids[p.key] = id;
      return [id, ctx.teamId, accountId, `li:${p.key}-${id.slice(0, 6)}`, p.key, p.key, "Person", p.company ?? "Initech", p.position ?? "Engineer",
        p.connectedOn === undefined ? "2016-03-14" : p.connectedOn, p.status ?? "CONNECTED", p.endorsedMe ?? false, p.recommendedMe ?? false, p.lastInteractionAt ?? null];
    });
    await copyInto(c, "Connection", ["id", "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName", "company", "position", "connectedOn", "status", "endorsedMe", "recommendedMe", "lastInteractionAt"], rows);
    const scores = people.flatMap((p) =>
      (p.scores ?? []).flatMap((s, i) => (s ? [[ctx.teamId, icpIds[i]!, ids[p.key]!, 1, s[0], band(s[0]), "[]", s[1]] as TCopyValue[]] : [])),
    );
    await copyInto(c, "IcpScore", ["teamId", "icpId", "connectionId", "version", "score", "band", "reasons", "flags"], scores);
  });
  return ids;
}

export async function setScore(ctx: TTeamContext, icpId: string, connectionId: string, score: number, flags: string[] = []) {
  await withTeamSql(ctx.teamId, (c) =>
    c.query(`UPDATE "IcpScore" SET score = $3, band = $4, flags = $5 WHERE "icpId" = $1 AND "connectionId" = $2`, [icpId, connectionId, score, band(score), flags]),
  );
}
