import { FUNCTION_LABELS, FUNCTIONS, SENIORITIES, SENIORITY_LABELS } from "@crm/scoring";

// Pure shaping of the insights queries' rows into what the charts show: zero-filled years, labelled
// categories in a stable order, the score histogram's fixed buckets, calendar-month cutoffs.

export type TCategoryCount = {
  /** A SENIORITIES / FUNCTIONS key, or "unclassified" for titles not classified yet. */
  key: string;
  /** Short name for an axis ("Vice president"). */
  label: string;
  /** The classifier's full description, with example titles. */
  description: string;
  count: number;
};

export type TYearCount = { year: number; count: number };
export type THistogramBucket = { from: number; to: number; count: number };

export const UNCLASSIFIED = "unclassified";
const UNCLASSIFIED_LABEL = { label: "Unclassified", description: "Not classified yet (the title has not been through the classifier)" };

/** "Vice president (VP, SVP, …)" → "Vice president": the part before the examples. */
export const shortLabel = (description: string) => description.split(" (")[0]!.trim();

/** Every year from the first to the last with a count, the years in between at zero. */
export function fillYears(rows: ReadonlyArray<{ year: number; count: number }>): TYearCount[] {
  if (rows.length === 0) return [];
  const byYear = new Map(rows.map((r) => [r.year, r.count]));
  const years = rows.map((r) => r.year);
  const out: TYearCount[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push({ year: y, count: byYear.get(y) ?? 0 });
  return out;
}

function categories(keys: readonly string[], labels: Readonly<Record<string, string>>, counts: Map<string | null, number>): TCategoryCount[] {
  const known = new Set(keys);
  const out = keys.map((k) => ({ key: k, label: shortLabel(labels[k]!), description: labels[k]!, count: counts.get(k) ?? 0 }));
  // A value the classifier no longer produces is not hidden: it counts as unclassified.
  let unclassified = 0;
  for (const [k, n] of counts) if (k === null || !known.has(k)) unclassified += n;
  if (unclassified > 0) out.push({ key: UNCLASSIFIED, ...UNCLASSIFIED_LABEL, count: unclassified });
  return out;
}

/** Seniority is ordinal: owners first, interns last, unclassified at the end. */
export function seniorityMix(counts: Map<string | null, number>): TCategoryCount[] {
  return categories(SENIORITIES, SENIORITY_LABELS, counts);
}

/** Functions have no order of their own: largest first (ties in FUNCTIONS order), unclassified last. */
export function functionMix(counts: Map<string | null, number>): TCategoryCount[] {
  const all = categories(FUNCTIONS, FUNCTION_LABELS, counts);
  const rest = all.filter((c) => c.key !== UNCLASSIFIED);
  const order = new Map(FUNCTIONS.map((f, i) => [f as string, i]));
  rest.sort((a, b) => b.count - a.count || order.get(a.key)! - order.get(b.key)!);
  return [...rest, ...all.filter((c) => c.key === UNCLASSIFIED)];
}

export const HISTOGRAM_BUCKETS = 10;

/** Scores 0–100 in ten buckets of ten points; 100 joins the 90–100 bucket. */
export function scoreHistogram(counts: Map<number, number>): THistogramBucket[] {
  return Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => ({
    from: i * 10,
    to: i === HISTOGRAM_BUCKETS - 1 ? 100 : i * 10 + 9,
    count: counts.get(i) ?? 0,
  }));
}

/** `months` calendar months before `now`, in UTC; the 31st falls back to the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
