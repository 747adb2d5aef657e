import type { TCategoryCount, TNetworkInsights, TYearCount } from "@crm/core";

// The one-sentence text alternative of each chart: what a sighted reader takes from it at a glance.

const n = (x: number) => x.toLocaleString("en");

/** A share as a whole percentage; "<1%" rather than a misleading 0% for a handful. */
export function percent(part: number, whole: number): string {
  if (!whole || !part) return "0%";
  const p = Math.round((part / whole) * 100);
  return p === 0 ? "<1%" : p === 100 && part < whole ? ">99%" : `${p}%`;
}

const people = (x: number) => `${n(x)} ${x === 1 ? "connection" : "connections"}`;

/** The shortest run of consecutive years holding at least half of the dated connections. */
export function busiestSpan(years: readonly TYearCount[]): { from: number; to: number; count: number } | null {
  const total = years.reduce((s, y) => s + y.count, 0);
  if (!total) return null;
  let best: { from: number; to: number; count: number } | null = null;
  for (let i = 0; i < years.length; i++) {
    let sum = 0;
    for (let j = i; j < years.length; j++) {
      sum += years[j]!.count;
      if (sum * 2 >= total) {
        if (!best || j - i < best.to - best.from || (j - i === best.to - best.from && sum > best.count)) best = { from: years[i]!.year, to: years[j]!.year, count: sum };
        break;
      }
    }
  }
  return best;
}

export function yearsSummary({ years, unknownDate }: TNetworkInsights["connectedPerYear"]): string {
  const dated = years.reduce((s, y) => s + y.count, 0);
  if (!dated) {
    if (!unknownDate) return "No connections yet.";
    return unknownDate === 1 ? "Your one connection has no connection date in the export." : `None of your ${people(unknownDate)} has a connection date in the export.`;
  }
  const span = busiestSpan(years)!;
  const top = years.reduce((a, b) => (b.count > a.count ? b : a));
  const when = span.from === span.to ? `${span.from}` : `${span.from}–${span.to}`;
  const share = span.count * 2 === dated ? "Half" : "Most";
  const undated = unknownDate ? ` (${people(unknownDate)} without a date are not shown)` : "";
  return `${share} of your network joined in ${when}; ${top.year} was the busiest year with ${people(top.count)}${undated}.`;
}

/** "The largest group is Individual contributor (41%), then Manager (18%)." */
export function mixSummary(mix: readonly TCategoryCount[], what: string): string {
  const total = mix.reduce((s, c) => s + c.count, 0);
  if (!total) return "No connections yet.";
  const ranked = mix.filter((c) => c.key !== "unclassified" && c.count > 0).sort((a, b) => b.count - a.count);
  const unclassified = mix.find((c) => c.key === "unclassified")?.count ?? 0;
  const rest = unclassified ? `; ${percent(unclassified, total)} are not classified yet` : "";
  if (!ranked.length) return `None of your connections has a ${what} yet: titles are classified shortly after an import.`;
  const [first, second] = ranked;
  const then = second ? `, then ${second.label} (${percent(second.count, total)})` : "";
  return `The largest ${what} group is ${first!.label} (${percent(first!.count, total)})${then}${rest}.`;
}

export function companiesSummary(c: TNetworkInsights["topCompanies"]): string {
  const top = c.companies[0];
  if (!top) return c.withoutCompany ? "None of your connections lists a company." : "No connections yet.";
  const spread = c.distinct === 1 ? "one company" : `${n(c.distinct)} companies`;
  return `${top.name} is the most common company with ${people(top.count)}; your network spans ${spread}.`;
}

export function fitSummary(fit: NonNullable<TNetworkInsights["fit"]>): string {
  const total = fit.strong + fit.partial + fit.none + fit.unscored;
  if (!total) return "No connections yet.";
  const scored = total - fit.unscored;
  if (!scored) return `No connection is scored against “${fit.icpName}” yet${fit.rescoring ? ": scoring is under way" : ""}.`;
  const unscored = fit.unscored ? `; ${people(fit.unscored)} are not scored yet` : "";
  return `Against “${fit.icpName}”, ${percent(fit.strong, total)} of your network is a strong fit and ${percent(fit.partial, total)} a partial fit${unscored}.`;
}

export function histogramSummary(fit: NonNullable<TNetworkInsights["fit"]>): string {
  const top = fit.histogram.reduce((a, b) => (b.count > a.count ? b : a));
  if (!top.count) return "No scores yet.";
  return `The most common score range is ${top.from}–${top.to}, with ${people(top.count)}.`;
}

export function activitySummary(a: TNetworkInsights["activity"], total: number): string {
  if (!total) return "No connections yet.";
  // A Connections.csv alone has no messages: say what is missing rather than "100% inactive".
  if (a.never === total) return "No messages yet: upload the whole LinkedIn archive (it includes messages.csv) to see who you are in touch with.";
  if (!a.inactive) return "Everyone in your network has had a message from or to you in the last 12 months.";
  return `${percent(a.inactive, total)} of your network is inactive: ${percent(a.over12Months, total)} last messaged over 12 months ago and ${percent(a.never, total)} never.`;
}
