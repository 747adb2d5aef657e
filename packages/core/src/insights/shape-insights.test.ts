import { describe, expect, it } from "vitest";
import { FUNCTIONS, SENIORITIES } from "@crm/scoring";
import { fillYears, functionMix, monthsBefore, scoreHistogram, seniorityMix, shortLabel } from "./shape-insights";

describe("insights shaping", () => {
  it("fills the years between the first and the last with zeros, in order", () => {
    expect(fillYears([{ year: 2021, count: 3 }, { year: 2018, count: 1 }])).toEqual([
      { year: 2018, count: 1 },
      { year: 2019, count: 0 },
      { year: 2020, count: 0 },
      { year: 2021, count: 3 },
    ]);
    expect(fillYears([])).toEqual([]);
  });

  it("keeps seniority in rank order, labels it, and counts null and retired values as unclassified", () => {
    const mix = seniorityMix(new Map<string | null, number>([["vp", 4], [null, 2], ["retired_label", 1], ["owner", 1]]));
    expect(mix.map((m) => m.key)).toEqual([...SENIORITIES, "unclassified"]);
    expect(mix.find((m) => m.key === "vp")).toMatchObject({ label: "Vice president", count: 4 });
    expect(mix.at(-1)).toMatchObject({ label: "Unclassified", count: 3 });
    expect(seniorityMix(new Map([["ic", 1]])).some((m) => m.key === "unclassified")).toBe(false);
  });

  it("orders functions largest first, ties in the classifier's order, unclassified last", () => {
    const mix = functionMix(new Map<string | null, number>([["design", 5], [null, 9], ["finance", 2], ["sales", 2]]));
    expect(mix.map((m) => m.key).slice(0, 3)).toEqual(["design", "sales", "finance"]);
    expect(mix.at(-1)).toMatchObject({ key: "unclassified", count: 9 });
    expect(mix).toHaveLength(FUNCTIONS.length + 1);
  });

  it("has ten score buckets, the last one closed at 100", () => {
    const h = scoreHistogram(new Map([[0, 2], [9, 5]]));
    expect(h).toHaveLength(10);
    expect(h[0]).toEqual({ from: 0, to: 9, count: 2 });
    expect(h[9]).toEqual({ from: 90, to: 100, count: 5 });
    expect(h[4]).toEqual({ from: 40, to: 49, count: 0 });
  });

  it("goes back calendar months in UTC, clamping to the shorter month's last day", () => {
    expect(monthsBefore(new Date("2026-05-31T10:00:00Z"), 3).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(monthsBefore(new Date("2026-01-15T00:00:00Z"), 12).toISOString()).toBe("2025-01-15T00:00:00.000Z");
    expect(monthsBefore(new Date("2024-05-31T23:59:59Z"), 3).toISOString()).toBe("2024-02-29T23:59:59.000Z");
  });

  it("shortens a classifier description to its name", () => {
    expect(shortLabel("Owner / founder (Founder, Co-founder)")).toBe("Owner / founder");
    expect(shortLabel("Design")).toBe("Design");
  });
});
