import { withTeamSql } from "@crm/db";
import { previewIcp, type TScoringConnection } from "@crm/scoring";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { loadScoringConnections } from "./load-connections";
import { ZIcpDefinition } from "@crm/scoring";

// The live preview scores the whole network on every edit (debounced by the form). Loading 30,000
// rows costs as much as scoring them, so a web process keeps the latest load per team for a
// minute (an import shows up in the preview within that time), and the form page warms it.

const TTL_MS = 60_000;
const MAX_TEAMS = 8;
const cache = new Map<string, { at: number; rows: Promise<TScoringConnection[]> }>();

function connectionsOf(teamId: string): Promise<TScoringConnection[]> {
  const hit = cache.get(teamId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  const rows = withTeamSql(teamId, (c) => loadScoringConnections(c, teamId));
  cache.set(teamId, { at: Date.now(), rows });
  rows.catch(() => cache.delete(teamId));
  if (cache.size > MAX_TEAMS) cache.delete(cache.keys().next().value!);
  return rows;
}

export type TIcpPreview = ReturnType<typeof previewIcp> & {
  people: Record<string, { name: string; position: string | null; company: string | null }>;
};

export async function previewIcpForTeam(ctx: TTeamContext, rawDefinition: unknown, now = new Date()): Promise<TIcpPreview> {
  const r = ZIcpDefinition.safeParse(rawDefinition);
  if (!r.success) throw invalid(r.error.issues[0]!.path.join(".") || "definition", r.error.issues[0]!.message);
  const connections = await connectionsOf(ctx.teamId);
  const preview = previewIcp(connections, r.data, now, { samples: 5 });
  const ids = new Set([...preview.samples.strong, ...preview.samples.partial, ...preview.samples.none].map((s) => s.id));
  const people: TIcpPreview["people"] = {};
  for (const c of connections) if (ids.has(c.id)) people[c.id] = { name: `${c.firstName} ${c.lastName}`.trim(), position: c.position, company: c.company };
  return { ...preview, people };
}

/** Called when the ICP form renders, so the first preview does not pay for loading the network. */
export function warmIcpPreview(ctx: TTeamContext): void {
  connectionsOf(ctx.teamId).catch(() => undefined);
}

export function clearPreviewCacheForTests() {
  cache.clear();
}
