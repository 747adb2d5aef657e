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
import { companyMatcher, fold, prepare } from "./normalize";

export type TBand = "strong" | "partial" | "none";
export interface TReason {
  criterion: TCriterion;
  points: number;
  text: string;
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

interface TCompiledRule {
  rule: TRule;
  points: number; // allocated points for positive rules, −NEGATIVE_POINTS for negative ones
}

/** Compile an ICP into a scorer. Compile once per ICP version, then call for every connection. */
export function compileIcp(def: TIcpDefinition): TScorer {
  const rules = compileRules(def);
  const positive = rules.filter((r) => r.weight !== "negative");
  const shares = allocatePoints(positive.map((r) => WEIGHT_POINTS[r.weight as Exclude<TWeight, "negative">]));
  const compiled: TCompiledRule[] = rules.map((rule) =>
    rule.weight === "negative" ? { rule, points: -NEGATIVE_POINTS } : { rule, points: shares[positive.indexOf(rule)] ?? 0 },
  );
  const hasTagRules = rules.some((r) => r.criterion === "tags");
  const competitor = companyMatcher(def.excludedCompanies);
  const flagger = compileFlags(def);
  const empty: TReason | null =
    rules.length === 0
      ? { criterion: "noCriteria", points: 0, text: "no criteria yet" }
      : positive.length === 0
        ? { criterion: "noCriteria", points: 0, text: "no positive criteria yet" }
        : null;

  return (c, now) => {
    const p = prepare(c);
    const x: TRuleInput = { c, now, p, tags: hasTagRules ? new Set(c.tags.map(fold)) : EMPTY_SET };
    const reasons: TReason[] = [];
    const rival = def.excludedCompanies.length > 0 ? competitor(p.company) : null;
    if (rival !== null) {
      reasons.push({ criterion: "competitor", points: -COMPETITOR_POINTS, text: `${signed(-COMPETITOR_POINTS)} competitor: ${rival}` });
    }
    if (empty) reasons.push(empty);

    let total = 0;
    let mustFailed = false;
    for (const { rule, points } of compiled) {
      const matched = rule.match(x);
      if (rule.weight === "negative") {
        if (matched !== null) {
          reasons.push({ criterion: rule.criterion, points, text: `${signed(points)} ${matched}` });
          total += points;
        }
      } else if (matched !== null) {
        const must = rule.weight === "must" ? " (must-have)" : "";
        reasons.push({ criterion: rule.criterion, points, text: `${signed(points)} ${matched}${must}` });
        total += points;
      } else if (rule.weight === "must") {
        mustFailed = true;
        reasons.push({ criterion: rule.criterion, points: 0, text: `must-have not met: ${rule.requirement}` });
      } else {
        reasons.push({ criterion: rule.criterion, points: 0, text: rule.miss(x) });
      }
    }
    if (mustFailed && total > MUST_CAP) {
      const cut = MUST_CAP - total;
      reasons.push({ criterion: "mustCap", points: cut, text: `${signed(cut)} capped at ${MUST_CAP} because a must-have is not met` });
      total = MUST_CAP;
    }
    if (rival !== null) total -= COMPETITOR_POINTS;

    const score = Math.min(100, Math.max(0, total));
    return { score, band: bandForScore(score), reasons, flags: flagger(c, now, p) };
  };
}

const EMPTY_SET: Set<string> = new Set();

/** Score one connection. For many connections, compile once with `compileIcp`. */
export function scoreConnection(c: TScoringConnection, def: TIcpDefinition, now: Date): TScore {
  return compileIcp(def)(c, now);
}
