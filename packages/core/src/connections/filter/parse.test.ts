import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFilter } from "./parse";
import { DEFAULT_FILTER } from "./types";

const parse = (qs: string) => parseFilter(qs);
const ok = (qs: string) => {
  const r = parse(qs);
  expect(r.errors).toEqual([]);
  return r.filter;
};

describe("parseFilter: valid values", () => {
  it("an empty query string is the default filter", () => {
    expect(parse("")).toEqual({ filter: DEFAULT_FILTER, errors: [] });
    expect(parse("?")).toEqual({ filter: DEFAULT_FILTER, errors: [] });
    expect(parseFilter(new URLSearchParams())).toEqual({ filter: DEFAULT_FILTER, errors: [] });
  });

  it("reads every parameter", () => {
    const f = ok(
      "?q=acme++corp&account=acc2,acc1&tag=t1&tag=t2&tagMode=all&seniority=vp,director&function=sales&company=Acme&connectedFrom=2020-01-01" +
        "&connectedTo=2023-12-31&inactiveMonths=12&activeMonths=24&messaged=yes&endorsed=yes&recommended=no&status=CONNECTED,GONE&icp=icp_1" +
        "&scoreMin=40&scoreMax=90&fit=strong,partial&flag=recruiter&sort=name&dir=desc",
    );
    expect(f).toEqual({
      q: "acme corp",
      accounts: ["acc1", "acc2"],
      tags: ["t1", "t2"],
      tagMode: "all",
      seniority: ["vp", "director"],
      function: ["sales"],
      company: "Acme",
      connectedFrom: "2020-01-01",
      connectedTo: "2023-12-31",
      inactiveMonths: 12,
      activeMonths: 24,
      messaged: true,
      endorsed: true,
      recommended: false,
      status: ["CONNECTED", "GONE"],
      icp: "icp_1",
      scoreMin: 40,
      scoreMax: 90,
      fit: ["strong", "partial"],
      flags: ["recruiter"],
      sort: "name",
      dir: "desc",
    });
  });

  it("lists are comma-separated and/or repeated, trimmed, deduplicated and sorted", () => {
    expect(ok("tag=b,%20a&tag=a&tag=c,,").tags).toEqual(["a", "b", "c"]);
    // Enum values come out in their declared order, case-blind.
    expect(ok("seniority=IC,vp&seniority=Owner").seniority).toEqual(["owner", "vp", "ic"]);
    expect(ok("status=gone,connected").status).toEqual(["CONNECTED", "GONE"]);
    expect(ok("fit=none,strong,strong").fit).toEqual(["strong", "none"]);
  });

  it("status: absent is CONNECTED, all is every status", () => {
    expect(ok("").status).toEqual(["CONNECTED"]);
    expect(ok("status=all").status).toEqual(["CONNECTED", "REMOVAL_PENDING", "REMOVED", "GONE"]);
    expect(ok("status=ALL,GONE").status).toEqual(["CONNECTED", "REMOVAL_PENDING", "REMOVED", "GONE"]);
  });

  it("the sort direction defaults to the natural one for the column", () => {
    expect(ok("sort=name")).toMatchObject({ sort: "name", dir: "asc" });
    expect(ok("sort=score")).toMatchObject({ sort: "score", dir: "desc" });
    expect(ok("sort=lastinteraction")).toMatchObject({ sort: "lastInteraction", dir: "desc" });
    expect(ok("dir=asc")).toMatchObject({ sort: "connectedOn", dir: "asc" });
  });

  it("free text is trimmed, whitespace collapsed, NFC; empty values count as absent", () => {
    expect(ok("q=%20%20Jos%C3%A9%09%0A%20Garc%C3%ADa%20").q).toBe("José García");
    expect(ok("q=Jose%CC%81").q).toBe("José");
    expect(ok("q=%20&company=&tag=&seniority=&endorsed=")).toEqual(DEFAULT_FILTER);
  });

  it("ignores unknown parameters and leaves cursor and limit alone", () => {
    const { filter, errors } = parse("cursor=abc&limit=999&utm_source=x&sort=name");
    expect(errors).toEqual([]);
    expect(filter).toEqual({ ...DEFAULT_FILTER, sort: "name", dir: "asc" });
    expect(Object.keys(filter)).not.toContain("cursor");
  });

  it("accepts the edges of every range", () => {
    expect(ok("inactiveMonths=1&activeMonths=240")).toMatchObject({ inactiveMonths: 1, activeMonths: 240 });
    expect(ok("scoreMin=0&scoreMax=0")).toMatchObject({ scoreMin: 0, scoreMax: 0 });
    expect(ok("scoreMin=100")).toMatchObject({ scoreMin: 100 });
    expect(ok("connectedFrom=2024-02-29&connectedTo=2024-02-29")).toMatchObject({ connectedFrom: "2024-02-29", connectedTo: "2024-02-29" });
    expect(ok(`q=${"x".repeat(200)}`).q).toHaveLength(200);
    expect(ok(`tag=${Array.from({ length: 50 }, (_, i) => `t${i}`).join(",")}`).tags).toHaveLength(50);
    expect(ok(`icp=${"a".repeat(64)}`).icp).toHaveLength(64);
  });
});

// [query string, param, what the message must say]
const BAD: Array<[string, string, RegExp]> = [
  [`q=${"x".repeat(201)}`, "q", /201 characters.*200/],
  ["q=a%00b", "q", /control character \(U\+0000\)/],
  ["q=a%07b", "q", /control character \(U\+0007\)/],
  // More than 10 words keeps the first 10 (search.test.ts).
  ["account=a%20b", "account", /“a b” is not a valid account id/],
  ["account=x'y", "account", /“x'y” is not a valid account id/],
  ["account=../etc", "account", /not a valid account id/],
  [`account=${"a".repeat(65)}`, "account", /not a valid account id/],
  [`tag=${Array.from({ length: 51 }, (_, i) => `t${i}`).join(",")}`, "tag", /51 tags given; filter by at most 50/],
  ["tag=ok,b%C3%A4d,%25", "tag", /“bäd”, “%” are not a valid tag id/],
  ["tagMode=some", "tagMode", /“some” is not a tag mode\. Use any or all or none/],
  ["seniority=vp,boss", "seniority", /“boss” is not a seniority\. Use any of: owner, c_level/],
  ["function=cooking", "function", /“cooking” is not a function\. Use any of: sales, marketing/],
  [`company=${"c".repeat(201)}`, "company", /201 characters/],
  ["company=%00", "company", /control character/],
  ["connectedFrom=2023-02-30", "connectedFrom", /“2023-02-30” is not a date\. Use a real date as YYYY-MM-DD/],
  ["connectedFrom=2023-13-01", "connectedFrom", /not a date/],
  ["connectedTo=20230101", "connectedTo", /“20230101” is not a date/],
  ["connectedTo=1899-12-31", "connectedTo", /between 1900 and 2100/],
  ["connectedTo=2023-1-5", "connectedTo", /not a date/],
  ["connectedFrom=2023-05-01&connectedTo=2023-04-30", "connectedTo", /ends \(2023-04-30\) before it starts \(2023-05-01\)/],
  ["inactiveMonths=0", "inactiveMonths", /“0” is not a number of months\. Use a whole number from 1 to 240/],
  ["inactiveMonths=241", "inactiveMonths", /from 1 to 240/],
  ["inactiveMonths=1.5", "inactiveMonths", /“1\.5”/],
  ["inactiveMonths=-3", "inactiveMonths", /“-3”/],
  ["inactiveMonths=1e2", "inactiveMonths", /“1e2”/],
  ["activeMonths=abc", "activeMonths", /“abc” is not a number of months/],
  ["inactiveMonths=12&activeMonths=12", "activeMonths", /exclude each other/],
  ["endorsed=maybe", "endorsed", /“maybe” is not yes or no/],
  ["messaged=never", "messaged", /“never” is not yes or no/],
  ["recommended=true", "recommended", /“true” is not yes or no/],
  ["jobChanged=1", "jobChanged", /“1” is not yes or no/],
  ["status=DELETED", "status", /“DELETED” is not a status\. Use any of: CONNECTED, REMOVAL_PENDING, REMOVED, GONE/],
  ["status=all,nope", "status", /“nope” is not a status\. Use all, or any of/],
  ["icp=a,b", "icp", /“a,b” is not a valid ICP id \(one id/],
  ["icp=a&icp=b", "icp", /icp is given 2 different values/],
  ["scoreMin=101", "scoreMin", /“101” is not a score\. Use a whole number from 0 to 100/],
  ["scoreMax=-1", "scoreMax", /“-1” is not a score/],
  ["scoreMin=50&scoreMax=40", "scoreMax", /highest score \(40\) is below the lowest \(50\)/],
  ["fit=great", "fit", /“great” is not a fit\. Use any of: strong, partial, none/],
  ["flag=vip", "flag", /“vip” is not a flag\. Use any of: open_networker/],
  ["sort=name%3B%20DROP%20TABLE%20%22Connection%22", "sort", /“name; DROP TABLE "Connection"” is not a sort column/],
  ["sort=__proto__", "sort", /not a sort column/],
  ["dir=sideways", "dir", /“sideways” is not a sort direction\. Use asc or desc/],
  ["dir=asc%3B--", "dir", /not a sort direction/],
  ["sort=name&sort=company", "sort", /sort is given 2 different values \(“name”, “company”\); give it once/],
];

describe("parseFilter: a bad value is one error naming it, and only that parameter is dropped", () => {
  it.each(BAD)("%s → %s", (qs, param, message) => {
    const [keep, kept] = param === "endorsed" ? ["recommended", "recommended"] : ["endorsed", "endorsed"];
    const { filter, errors } = parse(`${qs}&${keep}=yes`);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.param).toBe(param);
    expect(errors[0]!.message).toMatch(message);
    expect(filter[kept as "endorsed"]).toBe(true);
    const key = ({ account: "accounts", tag: "tags", flag: "flags" } as Record<string, string>)[param] ?? param;
    expect((filter as Record<string, unknown>)[key]).toEqual((DEFAULT_FILTER as Record<string, unknown>)[key]);
  });

  it("drops exactly the bad parameters", () => {
    const { filter, errors } = parse("tagMode=nope&status=BAD&sort=evil&dir=down&tag=t1&endorsed=yes");
    expect(errors.map((e) => e.param)).toEqual(["tagMode", "status", "sort", "dir"]);
    expect(filter).toEqual({ ...DEFAULT_FILTER, tags: ["t1"], endorsed: true });
  });

  it("a repeated parameter with the same value is fine", () => {
    expect(ok("sort=name&sort=name").sort).toBe("name");
  });

  it("quotes at most 40 characters of a huge value and shows control characters", () => {
    const { errors } = parse(`tagMode=${"x".repeat(5000)}`);
    expect(errors[0]!.message.length).toBeLessThan(200);
    expect(errors[0]!.message).toContain(`“${"x".repeat(40)}…”`);
    expect(parse("tagMode=a%00b").errors[0]!.message).toContain("“a\uFFFDb”");
  });
});

describe("parseFilter never throws", () => {
  const keys = fc.constantFrom(
    "q", "account", "tag", "tagMode", "seniority", "function", "company", "connectedFrom", "connectedTo", "inactiveMonths",
    "activeMonths", "messaged", "endorsed", "recommended", "jobChanged", "status", "icp", "scoreMin", "scoreMax", "fit", "flag", "sort", "dir", "cursor", "x",
  );
  const values = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30, unit: "binary" }), fc.constantFrom("vp", "all", "yes", "12", "2024-01-01", "name", "asc", "'; DROP TABLE x; --"));

  it("for any pairs of known keys and arbitrary values", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 12 }), (pairs) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        const { filter, errors } = parseFilter(params);
        for (const e of errors) expect(typeof e.message).toBe("string");
        expect(filter.status.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("for any raw query string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (raw) => {
        expect(() => parseFilter(raw)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
