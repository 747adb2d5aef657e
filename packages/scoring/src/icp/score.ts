// ICP scoring. Compile a definition once, then score connections with the returned function.
//
// The model (every point in a score is explained by a reason; the reasons' points add up to the
// score before it is clamped to 0..100):
// - Each active positive criterion (weight must / important / nice) has a raw weight of 30 / 30 /
//   15. Raw weights are normalised so that the active positive criteria share exactly 100 points
//   (largest-remainder rounding), so meeting all of them scores 100. A criterion that is met adds
//   its points; one that is not met adds 0 (with a reason saying why).
// - A must-have that is not met adds a reason "must-have not met: …" and caps the score at
//   MUST_CAP (30, below the "partial" band), through a "capped" reason carrying the difference.
// - A "negative" criterion that matches subtracts NEGATIVE_POINTS (40); it never adds.
// - A connection at an excluded company (competitor) gets "−100 competitor: …": the score is 0.
// - An ICP with no active criteria scores every connection 0 ("no criteria yet"); one with only
//   negative criteria scores 0 too ("no positive criteria yet"): a fit needs something positive.
// - Band: strong ≥ 70, partial 40–69, none < 40 (BAND_THRESHOLDS); always derived from the score.

import type { TScoringConnection } from "../types";
import type { TIcpDefinition, TWeight } from "./definition";
import { compileRules, type TCriterion, type TRule, type TRuleInput } from "./criteria";
import { compileFlags, type TFlag } from "./flags";
import { companyIndex, prepare } from "./normalize";

export type TBand = "strong" | "partial" | "none";
/** Reasons (and flags) are shared, frozen objects: many connections get the same one. */
export interface TReason {
  readonly criterion: TCriterion;
  readonly points: number;
  readonly text: string;
}
export interface TScore {
  score: number; // integer 0..100
  band: TBand;
  reasons: TReason[];
  flags: TFlag[];
}
export type TScorer = (c: TScoringConnection, now: Date) => TScore;

export const BAND_THRESHOLDS = { strong: 70, partial: 40 } as const;
export const WEIGHT_POINTS: Record<Exclude<TWeight, "negative">, number> = { must: 30, important: 30, nice: 15 };
export const NEGATIVE_POINTS = 40;
export const MUST_CAP = 30;
export const COMPETITOR_POINTS = 100;

export function bandForScore(score: number): TBand {
  if (score >= BAND_THRESHOLDS.strong) return "strong";
  return score >= BAND_THRESHOLDS.partial ? "partial" : "none";
}

const signed = (n: number) => (n < 0 ? `−${-n}` : `+${n}`);

/** Integer shares of 100 proportional to `raw`, summing to exactly 100 (largest remainder). */
export function allocatePoints(raw: readonly number[]): number[] {
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= 0) return raw.map(() => 0);
  const exact = raw.map((r) => (r * 100) / total);
  const points = exact.map(Math.floor);
  let left = 100 - points.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    points[i] = points[i]! + 1;
    left--;
  }
  return points;
}

const reason = (criterion: TCriterion, points: number, text: string): TReason => Object.freeze({ criterion, points, text });

/** Reasons built once per outcome key (keys above the cache size are built every time). */
function reasonCache(build: (key: number) => TReason, size = 2048): (key: number) => TReason {
  const cache: Array<TReason | undefined> = [];
  return (key) => (key < size ? (cache[key] ??= build(key)) : build(key));
}

interface TCompiledRule {
  rule: TRule;
  points: number; // allocated points for positive rules, −NEGATIVE_POINTS for negative ones
  hit: (key: number) => TReason; // "+30 title matches 'VP Sales'"
  miss: (key: number) => TReason; // 0 points: "title matches none of …"
  mustMiss: TReason; // "must-have not met: …"
}

/** Compile an ICP into a scorer. Compile once per ICP version, then call for every connection. */
export function compileIcp(def: TIcpDefinition): TScorer {
  const rules = compileRules(def);
  const positive = rules.filter((r) => r.weight !== "negative");
  const shares = allocatePoints(positive.map((r) => WEIGHT_POINTS[r.weight as Exclude<TWeight, "negative">]));
  const compiled: TCompiledRule[] = rules.map((rule) => {
    const points = rule.weight === "negative" ? -NEGATIVE_POINTS : (shares[positive.indexOf(rule)] ?? 0);
    const suffix = rule.weight === "must" ? " (must-have)" : "";
    return {
      rule,
      points,
      hit: reasonCache((k) => reason(rule.criterion, points, `${signed(points)} ${rule.hitText(k)}${suffix}`)),
      miss: reasonCache((k) => reason(rule.criterion, 0, rule.missText(k))),
      mustMiss: reason(rule.criterion, 0, `must-have not met: ${rule.requirement}`),
    };
  });
  const excluded = [...def.excludedCompanies];
  const rivalReason = reasonCache((i) => reason("competitor", -COMPETITOR_POINTS, `${signed(-COMPETITOR_POINTS)} competitor: ${excluded[i]}`));
  const capReason = reasonCache((over: number) => reason("mustCap", -over, `${signed(-over)} capped at ${MUST_CAP} because a must-have is not met`));
  const hasTagRules = rules.some((r) => r.criterion === "tags");
  const competitor = companyIndex(excluded);
  const flagger = compileFlags(def);
  const empty: TReason | null =
    rules.length === 0
      ? reason("noCriteria", 0, "no criteria yet")
      : positive.length === 0
        ? reason("noCriteria", 0, "no positive criteria yet")
        : null;

  return (c, now) => {
    const p = prepare(c, now);
    const x: TRuleInput = { c, p, tags: hasTagRules && c.tags.length > 0 ? new Set(c.tags) : EMPTY_SET };
    const reasons: TReason[] = [];
    const rival = excluded.length > 0 ? competitor(p.company) : -1;
    if (rival >= 0) reasons.push(rivalReason(rival));
    if (empty) reasons.push(empty);

    let total = 0;
    let mustFailed = false;
    for (const { rule, points, hit, miss, mustMiss } of compiled) {
      const key = rule.test(x);
      if (key >= 0) {
        reasons.push(hit(key));
        total += points;
      } else if (rule.weight === "must") {
        mustFailed = true;
        reasons.push(mustMiss);
      } else if (rule.weight !== "negative") {
        reasons.push(miss(rule.missKey(x)));
      }
    }
    if (mustFailed && total > MUST_CAP) {
      reasons.push(capReason(total - MUST_CAP));
      total = MUST_CAP;
    }
    if (rival >= 0) total -= COMPETITOR_POINTS;

    const score = Math.min(100, Math.max(0, total));
    return { score, band: bandForScore(score), reasons, flags: flagger(c, now, p) };
  };
}

const EMPTY_SET: Set<string> = new Set();

/** Score one connection. For many connections, compile once with `compileIcp`. */
export function scoreConnection(c: TScoringConnection, def: TIcpDefinition, now: Date): TScore {
  return compileIcp(def)(c, now);
}
