import { withTeam, withTeamSql } from "@crm/db";
import { previewIcp, ZIcpDefinition, type TScoringConnection } from "@crm/scoring";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { loadScoringConnections } from "./load-connections";
import { readScoringDataVersion } from "./scoring-data-version";
import { resolveTagRules, teamTags } from "./tag-rules";

// The live preview scores the whole network on every edit (debounced by the form). Loading 30,000
// rows costs as much as scoring them, so a web process keeps the latest load per team and the form
// page warms it. Every preview first reads the team's scoring-data version (one indexed row in
// Postgres, bumped in the same transaction as each tag change and after each import): when it
// moved, the network is reloaded, so a change made through any replica shows at once (issue 16
// item 11). The minute-long TTL stays as a backstop for changes that do not bump the version.

const TTL_MS = 60_000;
const MAX_TEAMS = 8;

type TEntry = { at: number; version: number; rows: Promise<TScoringConnection[]> };

export type TPreviewCache = {
  connections(teamId: string): Promise<TScoringConnection[]>;
  /** How many times the network was loaded (for tests and logs). */
  loads(): number;
  clear(): void;
};

export function createPreviewCache({ ttlMs = TTL_MS, maxTeams = MAX_TEAMS } = {}): TPreviewCache {
  const cache = new Map<string, TEntry>();
  let loads = 0;
  return {
    async connections(teamId) {
      // Read before loading: rows loaded after it are at least this new, so a change committed in
      // between only costs one extra reload.
      const version = await withTeamSql(teamId, (c) => readScoringDataVersion(c, teamId));
      const hit = cache.get(teamId);
      if (hit && hit.version === version && Date.now() - hit.at < ttlMs) return hit.rows;
      loads++;
      const rows = withTeamSql(teamId, (c) => loadScoringConnections(c, teamId));
      cache.delete(teamId); // re-inserted last: the map's order is least recently loaded first
      cache.set(teamId, { at: Date.now(), version, rows });
      rows.catch(() => cache.get(teamId)?.rows === rows && cache.delete(teamId));
      if (cache.size > maxTeams) cache.delete(cache.keys().next().value!);
      return rows;
    },
    loads: () => loads,
    clear: () => cache.clear(),
  };
}

const processCache = createPreviewCache();

export type TIcpPreview = ReturnType<typeof previewIcp> & {
  people: Record<string, { name: string; position: string | null; company: string | null }>;
};

export async function previewIcpForTeam(ctx: TTeamContext, rawDefinition: unknown, now = new Date(), { cache = processCache }: { cache?: TPreviewCache } = {}): Promise<TIcpPreview> {
  const r = ZIcpDefinition.safeParse(rawDefinition);
  if (!r.success) throw invalid(r.error.issues[0]!.path.join(".") || "definition", r.error.issues[0]!.message);
  // A rule sent by tag name (a definition saved before ids) is matched as the saved one would be.
  const def = r.data.tags.some((t) => t.tagId === null) ? resolveTagRules(r.data, await withTeam(ctx.teamId, (tx) => teamTags(tx, ctx.teamId))).definition : r.data;
  const connections = await cache.connections(ctx.teamId);
  const preview = previewIcp(connections, def, now, { samples: 5 });
  const ids = new Set([...preview.samples.strong, ...preview.samples.partial, ...preview.samples.none].map((s) => s.id));
  const people: TIcpPreview["people"] = {};
  for (const c of connections) if (ids.has(c.id)) people[c.id] = { name: `${c.firstName} ${c.lastName}`.trim(), position: c.position, company: c.company };
  return { ...preview, people };
}

/** Called when the ICP form renders, so the first preview does not pay for loading the network. */
export function warmIcpPreview(ctx: TTeamContext): void {
  processCache.connections(ctx.teamId).catch(() => undefined);
}

export function clearPreviewCacheForTests() {
  processCache.clear();
}
