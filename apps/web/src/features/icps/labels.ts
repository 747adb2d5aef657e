// Words and small parsers the ICP screens share (server and client components alike).
import { FLAG_CODES, type TFlagCode } from "@crm/scoring";
import type { TBadgeTone } from "@crm/ui";

export const BANDS = ["strong", "partial", "none"] as const;
export type TBandKey = (typeof BANDS)[number];

export const BAND_LABELS: Record<TBandKey, string> = { strong: "Strong", partial: "Partial", none: "No fit" };
export const BAND_TONES: Record<TBandKey, TBadgeTone> = { strong: "green", partial: "amber", none: "gray" };

export const bandLabel = (band: string) => BAND_LABELS[band as TBandKey] ?? band;
export const bandTone = (band: string): TBadgeTone => BAND_TONES[band as TBandKey] ?? "gray";

const PROTECTED = new Set<string>(["endorser", "recommender"]);
/** Protected flags stand out: removing that person also deletes what they gave you. */
export const flagTone = (code: string): TBadgeTone => (PROTECTED.has(code) ? "blue" : code === "competitor" ? "red" : "gray");

export const PAGE_SIZE = 50;

export type TScoreQuery = { band?: TBandKey; flag?: TFlagCode; after?: { score: number; connectionId: string } };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The scores table's filters come from the URL, so a filtered page can be shared and reloaded.
 * Anything unknown is ignored rather than answered with an error.
 */
export function parseScoreQuery(sp: Record<string, string | string[] | undefined>): TScoreQuery {
  const out: TScoreQuery = {};
  const band = one(sp.band);
  if (band && (BANDS as readonly string[]).includes(band)) out.band = band as TBandKey;
  const flag = one(sp.flag);
  if (flag && (FLAG_CODES as readonly string[]).includes(flag)) out.flag = flag as TFlagCode;
  // "<score>_<connectionId>": the score is an integer, so the first underscore splits the two.
  const m = /^(\d{1,3})_([A-Za-z0-9-]{1,64})$/.exec(one(sp.after) ?? "");
  if (m) out.after = { score: Number(m[1]), connectionId: m[2]! };
  return out;
}

export function scoreQueryString(q: { band?: string; flag?: string; after?: { score: number; connectionId: string } }): string {
  const p = new URLSearchParams();
  if (q.band) p.set("band", q.band);
  if (q.flag) p.set("flag", q.flag);
  if (q.after) p.set("after", `${q.after.score}_${q.after.connectionId}`);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const isRescoring = (i: { version: number; scoredVersion: number }) => i.scoredVersion < i.version;
