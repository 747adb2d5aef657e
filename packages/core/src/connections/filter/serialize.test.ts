import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLAG_CODES, FUNCTIONS, SENIORITIES } from "@crm/scoring";
import { DEFAULT_SORT_DIR, canonicalFilter } from "./canonical";
import { parseFilter } from "./parse";
import { serializeFilter } from "./serialize";
import { filterSummary } from "./summary";
import { CONNECTION_STATUSES, DEFAULT_FILTER, FITS, SORT_KEYS, TAG_MODES, type TConnectionFilter } from "./types";

const ID = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const TEXT = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom("acme corp", "José García", "O'Brien; DROP TABLE \"Connection\"; --", "100% _under_ \\back\\", "ＡＣＭＥ ％", "🚀 Growth, EMEA & co"),
  )
  .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").replace(/\s+/gu, " ").trim().normalize("NFC").slice(0, 200))
  .filter((s) => s.length > 0 && s.split(" ").length <= 10 && s === s.trim());
const subset = <T extends string>(all: readonly T[]) => fc.subarray([...all], { minLength: 1 });
const day = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Any canonical filter: what parseFilter can return without errors. */
const canonical: fc.Arbitrary<TConnectionFilter> = fc
  .record(
    {
      q: TEXT,
      accounts: fc.uniqueArray(ID, { minLength: 1, maxLength: 5 }),
      tags: fc.uniqueArray(ID, { minLength: 1, maxLength: 5 }),
      tagMode: fc.constantFrom(...TAG_MODES),
      seniority: subset(SENIORITIES),
      function: subset(FUNCTIONS),
      company: TEXT,
      range: fc.tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined })),
      months: fc.tuple(fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }), fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined })),
      messaged: fc.boolean(),
      endorsed: fc.boolean(),
      recommended: fc.boolean(),
      jobChanged: fc.boolean(),
      status: subset(CONNECTION_STATUSES),
      icp: ID,
      scores: fc.tuple(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined })),
      fit: subset(FITS),
      flags: subset(FLAG_CODES as readonly string[]),
      sort: fc.constantFrom(...SORT_KEYS),
      dir: fc.constantFrom("asc" as const, "desc" as const),
    },
    { requiredKeys: ["tagMode", "status", "sort", "dir", "range", "months", "scores"] },
  )
  .map(({ range, months, scores, ...r }) => {
    const [from, to] = range[0] && range[1] && range[1] < range[0] ? [range[1], range[0]] : range;
    const [inactive, active] = months[0] !== undefined && months[1] !== undefined && months[1] <= months[0] ? [months[0], undefined] : months;
    const [min, max] = scores[0] !== undefined && scores[1] !== undefined && scores[1] < scores[0] ? [scores[1], scores[0]] : scores;
    return canonicalFilter({ ...r, connectedFrom: from, connectedTo: to, inactiveMonths: inactive, activeMonths: active, scoreMin: min, scoreMax: max });
  });

describe("serializeFilter", () => {
  it("writes nothing for the default filter", () => {
    expect(serializeFilter(DEFAULT_FILTER).toString()).toBe("");
  });

  it("writes keys in one fixed order with canonical values", () => {
    const f: TConnectionFilter = {
      sort: "name",
      dir: "desc",
      flags: ["stale", "recruiter"],
      status: ["GONE", "CONNECTED"],
      tags: ["t2", "t1", "t2"],
      tagMode: "none",
      q: "  acme   corp ",
      seniority: ["vp", "owner"],
    };
    expect(serializeFilter(f).toString()).toBe("q=acme+corp&tag=t1%2Ct2&tagMode=none&seniority=owner%2Cvp&status=CONNECTED%2CGONE&flag=recruiter%2Cstale&sort=name&dir=desc");
  });

  it("writes status=all for every status, and omits the natural direction", () => {
    expect(serializeFilter({ ...DEFAULT_FILTER, status: [...CONNECTION_STATUSES] }).toString()).toBe("status=all");
    expect(serializeFilter({ ...DEFAULT_FILTER, sort: "name", dir: "asc" }).toString()).toBe("sort=name");
    expect(serializeFilter({ ...DEFAULT_FILTER, dir: "asc" }).toString()).toBe("dir=asc");
    for (const sort of SORT_KEYS) expect(serializeFilter({ ...DEFAULT_FILTER, sort, dir: DEFAULT_SORT_DIR[sort] }).get("dir")).toBeNull();
  });

  it("parse(serialize(f)) is f for any canonical filter", () => {
    fc.assert(
      fc.property(canonical, (f) => {
        const back = parseFilter(serializeFilter(f).toString());
        expect(back.errors).toEqual([]);
        expect(back.filter).toStrictEqual(f);
      }),
      { numRuns: 1000 },
    );
  });

  it("serialize(parse(s)) is canonical: serializing again changes nothing", () => {
    const keys = fc.constantFrom("q", "account", "tag", "tagMode", "seniority", "function", "company", "connectedFrom", "status", "scoreMin", "fit", "flag", "sort", "dir", "other");
    const values = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("vp,VP, ic", "all", "Gone,connected", "a,b,a", "12", "name", "DESC", "strong,none"));
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 10 }), (pairs) => {
        const once = serializeFilter(parseFilter(new URLSearchParams(pairs)).filter).toString();
        const twice = serializeFilter(parseFilter(once).filter).toString();
        expect(twice).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("filterSummary", () => {
  const names = {
    tags: new Map([
      ["t1", "VIP"],
      ["t2", "Prospect"],
    ]),
    accounts: new Map([["a1", "Alice's network"]]),
    icps: new Map([["i1", "Sales leaders"]]),
  };
  const summary = (qs: string) => filterSummary(parseFilter(qs).filter, names);

  it("describes the filter in a short line", () => {
    expect(summary("tag=t1,t2&seniority=vp&connectedFrom=2020-01-01&connectedTo=2023-12-31")).toBe("Tagged any of VIP, Prospect · seniority VP · connected 2020–2023");
    expect(summary("")).toBe("All connections");
    expect(summary("sort=name&dir=desc")).toBe("All connections");
  });

  it("covers every parameter", () => {
    expect(summary("q=acme&account=a1&company=Globex&inactiveMonths=12&endorsed=no&status=all")).toBe(
      "Matching “acme” · in Alice's network · company contains “Globex” · no message in 12 months · not endorsed me · any status",
    );
    expect(summary("tag=t1&tagMode=none&function=sales,engineering&activeMonths=1&recommended=yes&status=GONE")).toBe(
      "Not tagged VIP · function Sales, Engineering · messaged in the last 1 month · recommended me · status Gone",
    );
    expect(summary("tag=t1,t2&tagMode=all&icp=i1&scoreMin=40&scoreMax=69&fit=partial&flag=recruiter")).toBe(
      "Tagged all of VIP, Prospect · ICP Sales leaders · score 40–69 · fit Partial · flagged Recruiter",
    );
    expect(summary("connectedFrom=2021-03-05")).toBe("Connected since 2021-03-05");
    expect(summary("connectedTo=2019-12-31&scoreMax=30")).toBe("Connected by 2019 · score ≤ 30");
    expect(summary("connectedFrom=2022-01-01&connectedTo=2022-12-31&scoreMin=70")).toBe("Connected in 2022 · score ≥ 70");
  });

  it("names deleted tags, accounts and ICPs without failing", () => {
    expect(summary("tag=gone&account=gone&icp=gone&fit=strong")).toBe("In a deleted account · tagged a deleted tag · ICP a deleted ICP · fit Strong");
  });
});
