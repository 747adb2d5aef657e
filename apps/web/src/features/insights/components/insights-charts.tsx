import Link from "next/link";
import type { TCategoryCount, TNetworkInsights } from "@crm/core";
import { activitySummary, companiesSummary, fitSummary, histogramSummary, mixSummary, percent, yearsSummary } from "../summaries";
import { ChartCard } from "./chart-card";
import { BarChartView, DonutChartView } from "./charts";
import { DataTable, type TTableRow } from "./data-table";

// The page's charts, each with its heading, summary sentence and table. Rows that match a filter
// of the connections table link there, with the same accounts.

const n = (x: number) => x.toLocaleString("en");
const BAND_COLORS = { strong: "#15803d", partial: "#d97706", none: "#6b7280", unscored: "#cbd5e1" } as const;
const ACTIVITY_COLORS = { recent: "#1d4ed8", year: "#60a5fa", old: "#f59e0b", never: "#9ca3af" } as const;

type TProps = { data: TNetworkInsights; slug: string };

function connectionsLink(slug: string, accounts: string[] | null, params: Record<string, string>) {
  const p = new URLSearchParams();
  if (accounts) p.set("account", accounts.join(","));
  for (const [k, v] of Object.entries(params)) p.set(k, v);
  return `/t/${slug}/connections?${p.toString().replaceAll("%2C", ",")}`;
}

function mixRows(mix: TCategoryCount[], total: number, link: (key: string) => string | null): TTableRow[] {
  return mix.map((c) => {
    const href = c.count > 0 ? link(c.key) : null;
    return {
      key: c.key,
      header: href ? <Link className="text-blue-800 underline" href={href} title={c.description}>{c.label}</Link> : <span title={c.description}>{c.label}</span>,
      cells: [n(c.count), percent(c.count, total)],
    };
  });
}

export function InsightsCharts({ data, slug }: TProps) {
  const total = data.totals.connections;
  const accounts = data.selectedAccountIds;
  const { years, unknownDate } = data.connectedPerYear;
  const yearSpan = years.length ? `${years[0]!.year} to ${years.at(-1)!.year}` : "no dates";
  const a = data.activity;
  const activity = [
    { key: "recent", label: "Within 3 months", value: a.within3Months, fill: ACTIVITY_COLORS.recent },
    { key: "year", label: "3 to 12 months ago", value: a.from3To12Months, fill: ACTIVITY_COLORS.year },
    { key: "old", label: "Over 12 months ago", value: a.over12Months, fill: ACTIVITY_COLORS.old },
    { key: "never", label: "Never", value: a.never, fill: ACTIVITY_COLORS.never },
  ];
  const shown = (mix: TCategoryCount[]) => mix.filter((c) => c.count > 0).map((c) => ({ label: c.label, value: c.count }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartCard
        id="years"
        title="Connections added per year"
        summary={yearsSummary(data.connectedPerYear)}
        chart={<BarChartView orientation="columns" color="#1d4ed8" valueName="Connections" label={`Bar chart of connections added per year, ${yearSpan}`} data={years.map((y) => ({ label: String(y.year), value: y.count }))} />}
        table={
          <DataTable
            caption="Connections added per year"
            columns={["Year", "Connections", "Share"]}
            rows={[
              ...years.map((y) => ({ key: String(y.year), header: String(y.year), cells: [n(y.count), percent(y.count, total)] })),
              ...(unknownDate ? [{ key: "unknown", header: "No date in the export", cells: [n(unknownDate), percent(unknownDate, total)] }] : []),
            ]}
          />
        }
      />
      <ChartCard
        id="activity"
        title="Inactive connections"
        summary={activitySummary(a, total)}
        chart={<DonutChartView label={`Donut chart of when you last exchanged a message: ${percent(a.inactive, total)} inactive`} data={activity.filter((s) => s.value > 0)} />}
        table={<DataTable caption="Last message with each connection" columns={["Last message", "Connections", "Share"]} rows={activity.map((s) => ({ key: s.key, header: s.label, cells: [n(s.value), percent(s.value, total)] }))} />}
        footer={a.inactive > 0 && <p className="text-sm"><Link className="text-blue-800 underline" href={connectionsLink(slug, accounts, { inactiveMonths: "12" })}>Review the {n(a.inactive)} inactive connections</Link></p>}
      />
      <FitCharts data={data} slug={slug} />
      <ChartCard
        id="seniority"
        title="Seniority"
        summary={mixSummary(data.seniority, "seniority")}
        chart={<BarChartView orientation="rows" color="#0f766e" valueName="Connections" label="Bar chart of connections by seniority" data={shown(data.seniority)} />}
        table={<DataTable caption="Connections by seniority" columns={["Seniority", "Connections", "Share"]} rows={mixRows(data.seniority, total, (k) => (k === "unclassified" ? null : connectionsLink(slug, accounts, { seniority: k })))} />}
      />
      <ChartCard
        id="function"
        title="Function"
        summary={mixSummary(data.functions, "function")}
        chart={<BarChartView orientation="rows" color="#6d28d9" valueName="Connections" label="Bar chart of connections by function" data={shown(data.functions)} />}
        table={<DataTable caption="Connections by function" columns={["Function", "Connections", "Share"]} rows={mixRows(data.functions, total, (k) => (k === "unclassified" ? null : connectionsLink(slug, accounts, { function: k })))} />}
      />
      <ChartCard
        id="companies"
        title="Top companies"
        summary={companiesSummary(data.topCompanies)}
        chart={<BarChartView orientation="rows" color="#b45309" valueName="Connections" label="Bar chart of the companies with the most connections" data={data.topCompanies.companies.map((c) => ({ label: c.name, value: c.count }))} />}
        table={
          <DataTable
            caption="Companies with the most connections"
            columns={["Company", "Connections", "Share"]}
            rows={[
              ...data.topCompanies.companies.map((c) => ({ key: c.name, header: c.name, cells: [n(c.count), percent(c.count, total)] })),
              ...(data.topCompanies.withoutCompany ? [{ key: "-", header: "No company listed", cells: [n(data.topCompanies.withoutCompany), percent(data.topCompanies.withoutCompany, total)] }] : []),
            ]}
          />
        }
      />
    </div>
  );
}

function FitCharts({ data, slug }: TProps) {
  const fit = data.fit;
  if (!fit) {
    return (
      <section aria-labelledby="fit-title" className="flex flex-col gap-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
        <h2 id="fit-title" className="text-lg font-semibold text-gray-900">Fit with your ideal customer profile</h2>
        <p className="text-sm text-gray-700">Describe who matters to your team, and every connection is scored against it.</p>
        <p className="text-sm"><Link className="text-blue-800 underline" href={`/t/${slug}/icps/new`}>Describe your ideal customer profile</Link></p>
      </section>
    );
  }
  const total = data.totals.connections;
  const bands = [
    { key: "strong", label: "Strong fit", value: fit.strong, fill: BAND_COLORS.strong },
    { key: "partial", label: "Partial fit", value: fit.partial, fill: BAND_COLORS.partial },
    { key: "none", label: "No fit", value: fit.none, fill: BAND_COLORS.none },
    { key: "unscored", label: "Not scored yet", value: fit.unscored, fill: BAND_COLORS.unscored },
  ];
  const link = (band: string) => (band === "unscored" ? null : connectionsLink(slug, data.selectedAccountIds, { icp: fit.icpId, fit: band }));
  const bandOf = (from: number) => (from >= 70 ? BAND_COLORS.strong : from >= 40 ? BAND_COLORS.partial : BAND_COLORS.none);
  return (
    <>
      <ChartCard
        id="fit"
        title={`Fit with “${fit.icpName}”`}
        summary={fitSummary(fit)}
        chart={<DonutChartView label={`Donut chart of fit with ${fit.icpName}: ${percent(fit.strong, total)} strong`} data={bands.filter((b) => b.value > 0)} />}
        table={
          <DataTable
            caption={`Connections by fit with ${fit.icpName}`}
            columns={["Fit", "Connections", "Share"]}
            rows={bands.map((b) => {
              const href = b.value > 0 ? link(b.key) : null;
              return { key: b.key, header: href ? <Link className="text-blue-800 underline" href={href}>{b.label}</Link> : b.label, cells: [n(b.value), percent(b.value, total)] };
            })}
          />
        }
        footer={fit.rescoring && <p className="text-sm text-gray-700">The profile changed and is being rescored; these figures update when it finishes.</p>}
      />
      <ChartCard
        id="scores"
        title="Score distribution"
        summary={histogramSummary(fit)}
        chart={<BarChartView orientation="columns" color={BAND_COLORS.none} valueName="Connections" label={`Histogram of scores against ${fit.icpName}, in steps of ten points`} data={fit.histogram.map((h) => ({ label: `${h.from}–${h.to}`, value: h.count, fill: bandOf(h.from) }))} />}
        table={<DataTable caption={`Scores against ${fit.icpName}`} columns={["Score", "Connections"]} rows={fit.histogram.map((h) => ({ key: String(h.from), header: `${h.from}–${h.to}`, cells: [n(h.count)] }))} />}
      />
    </>
  );
}
