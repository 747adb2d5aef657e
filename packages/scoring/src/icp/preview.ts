// Live preview of an ICP while it is being edited: how many connections fall in each band, the
// best-scoring examples of each band, and how often each flag appears. One pass, no sorting of the
// whole network (top-N insertion per band), so 30,000 connections take a few tens of ms.

import type { TScoringConnection } from "../types";
import type { TIcpDefinition } from "./definition";
import { FLAG_CODES, type TFlagCode } from "./flags";
import { compileIcp, type TBand, type TReason } from "./score";
import { titleIndex } from "./title-match";

export interface TPreviewSample {
  id: string;
  score: number;
  reasons: TReason[];
}
export interface TIcpPreview {
  total: number;
  strong: number;
  partial: number;
  none: number;
  /** Top-scoring connections of each band: score descending, then id ascending. */
  samples: Record<TBand, TPreviewSample[]>;
  /** How many connections carry each flag. */
  flagCounts: Record<TFlagCode, number>;
  /** Per title keyword (in the order given): how many people it matched (as their first matching
   *  keyword, as in the score) and their most frequent titles, so the user sees what it means. */
  titleMatches: TTitleMatches[];
}
export interface TTitleMatches {
  keyword: string;
  count: number;
  titles: Array<{ title: string; count: number }>;
}
const TITLES_PER_KEYWORD = 5;
export interface TPreviewOptions {
  /** Samples per band (default 5, at most 100). */
  samples?: number;
}

const before = (a: TPreviewSample, b: TPreviewSample) => a.score > b.score || (a.score === b.score && a.id < b.id);

function insertTop(list: TPreviewSample[], item: TPreviewSample, max: number): void {
  if (max <= 0) return;
  const last = list[list.length - 1];
  if (list.length >= max && last && !before(item, last)) return;
  let i = list.length;
  while (i > 0 && before(item, list[i - 1]!)) i--;
  list.splice(i, 0, item);
  if (list.length > max) list.pop();
}

export function previewIcp(
  connections: readonly TScoringConnection[],
  def: TIcpDefinition,
  now: Date,
  { samples = 5 }: TPreviewOptions = {},
): TIcpPreview {
  const max = Math.max(0, Math.min(100, Math.floor(samples)));
  const score = compileIcp(def);
  const counts: Record<TBand, number> = { strong: 0, partial: 0, none: 0 };
  const top: Record<TBand, TPreviewSample[]> = { strong: [], partial: [], none: [] };
  const flagCounts = Object.fromEntries(FLAG_CODES.map((f) => [f, 0])) as Record<TFlagCode, number>;
  for (const c of connections) {
    const s = score(c, now);
    counts[s.band]++;
    for (const f of s.flags) flagCounts[f.code]++;
    insertTop(top[s.band], { id: c.id, score: s.score, reasons: s.reasons }, max);
  }
  return { total: connections.length, ...counts, samples: top, flagCounts, titleMatches: titleMatches(connections, def.titleKeywords.values) };
}

function titleMatches(connections: readonly TScoringConnection[], keywords: readonly string[]): TTitleMatches[] {
  if (keywords.length === 0) return [];
  const find = titleIndex(keywords);
  const byKeyword = keywords.map(() => new Map<string, number>());
  for (const c of connections) {
    const i = find(c.position);
    if (i >= 0) byKeyword[i]!.set(c.position!, (byKeyword[i]!.get(c.position!) ?? 0) + 1);
  }
  return keywords.map((keyword, i) => {
    const all = [...byKeyword[i]!].map(([title, count]) => ({ title, count }));
    all.sort((a, b) => b.count - a.count || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    return { keyword, count: all.reduce((n, t) => n + t.count, 0), titles: all.slice(0, TITLES_PER_KEYWORD) };
  });
}
