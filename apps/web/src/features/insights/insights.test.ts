import { describe, expect, it } from "vitest";
import type { TCategoryCount, TNetworkInsights } from "@crm/core";
import { insightsQueryString, parseInsightsQuery, receivedQueryString } from "./query";
import { activitySummary, busiestSpan, companiesSummary, fitSummary, histogramSummary, mixSummary, percent, yearsSummary } from "./summaries";

describe("the insights URL", () => {
  it("reads accounts from repeated and comma-joined values, sorted and deduplicated", () => {
    expect(parseInsightsQuery({ account: ["b", "a,c", " a "], icp: "i1" })).toEqual({ accountIds: ["a", "b", "c"], icpId: "i1" });
    expect(parseInsightsQuery({ account: "", icp: "" })).toEqual({ accountIds: [] });
    expect(parseInsightsQuery({})).toEqual({ accountIds: [] });
  });

  it("writes one canonical form, which reads back as itself (no redirect loop)", () => {
    const q = parseInsightsQuery({ account: ["b", "a"], icp: "i1" });
    const s = insightsQueryString(q);
    expect(s).toBe("?account=a,b&icp=i1");
    const back = Object.fromEntries(new URLSearchParams(s.slice(1)));
    expect(receivedQueryString(back)).toBe(s);
    expect(insightsQueryString(parseInsightsQuery(back))).toBe(s);
    expect(insightsQueryString({ accountIds: [] })).toBe("");
    expect(receivedQueryString({ account: ["b", "a"] })).not.toBe(insightsQueryString(parseInsightsQuery({ account: ["b", "a"] })));
  });
});

const cat = (key: string, label: string, count: number): TCategoryCount => ({ key, label, description: label, count });

describe("chart summaries", () => {
  it("rounds shares without claiming 0% or 100% for a few", () => {
    expect([percent(1, 1000), percent(999, 1000), percent(1, 4), percent(0, 0)]).toEqual(["<1%", ">99%", "25%", "0%"]);
  });

  it("names the shortest run of years with half the network and the busiest year", () => {
    const years = [2018, 2019, 2020, 2021, 2022].map((year, i) => ({ year, count: [100, 900, 4210, 1500, 200][i]! }));
    expect(busiestSpan(years)).toEqual({ from: 2020, to: 2020, count: 4210 });
    expect(yearsSummary({ years, unknownDate: 0 })).toBe("Most of your network joined in 2020; 2020 was the busiest year with 4,210 connections.");
    const flat = [2019, 2020, 2021, 2022].map((year) => ({ year, count: 10 }));
    expect(yearsSummary({ years: flat, unknownDate: 3 })).toBe("Half of your network joined in 2019–2020; 2019 was the busiest year with 10 connections (3 connections without a date are not shown).");
    expect(yearsSummary({ years: [], unknownDate: 2 })).toBe("None of your 2 connections has a connection date in the export.");
  });

  it("describes a mix by its two largest groups and what is not classified", () => {
    const mix = [cat("vp", "Vice president", 10), cat("ic", "Individual contributor", 60), cat("manager", "Manager", 20), cat("unclassified", "Unclassified", 10)];
    expect(mixSummary(mix, "seniority")).toBe("The largest seniority group is Individual contributor (60%), then Manager (20%); 10% are not classified yet.");
    expect(mixSummary([cat("unclassified", "Unclassified", 5)], "function")).toMatch(/^None of your connections has a function yet/);
  });

  it("summarises companies, fit, scores and activity", () => {
    expect(companiesSummary({ companies: [{ name: "Acme", count: 3 }], distinct: 7, withoutCompany: 1 })).toBe("Acme is the most common company with 3 connections; your network spans 7 companies.");
    const fit = { icpId: "i", icpName: "Sales leaders", rescoring: false, strong: 8, partial: 21, none: 61, unscored: 10, histogram: [{ from: 0, to: 9, count: 50 }, { from: 90, to: 100, count: 8 }] } satisfies TNetworkInsights["fit"];
    expect(fitSummary(fit)).toBe("Against “Sales leaders”, 8% of your network is a strong fit and 21% a partial fit; 10 connections are not scored yet.");
    expect(fitSummary({ ...fit, strong: 0, partial: 0, none: 0, rescoring: true })).toBe("No connection is scored against “Sales leaders” yet: scoring is under way.");
    expect(histogramSummary(fit)).toBe("The most common score range is 0–9, with 50 connections.");
    const activity = { asOf: new Date(), inactive: 62, inactiveShare: 0.62, within3Months: 10, from3To12Months: 28, over12Months: 8, never: 54 };
    expect(activitySummary(activity, 100)).toBe("62% of your network is inactive: 8% last messaged over 12 months ago and 54% never.");
    expect(activitySummary({ ...activity, never: 100, inactive: 100 }, 100)).toMatch(/^No messages yet/);
  });
});
