import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prisma } from "@crm/db";
import { SENIORITIES } from "@crm/scoring";
import { parseFilter } from "./parse";
import { foldSearch, formatSearch, searchTermKind, searchTerms, typoRegex, type TSearchTerm } from "./search";
import { SORT_SQL, afterSql, matchingIdsQuery, orderBySql, whereSql, type TSqlScope } from "./sql";
import { DEFAULT_FILTER, SORT_KEYS, type TConnectionFilter, type TSortDir, type TSortKey } from "./types";

const TEAM = "team_A";
const scope: TSqlScope = { teamId: TEAM, icpId: "icp_1" };
const where = (f: Partial<TConnectionFilter>, s = scope) => whereSql({ ...DEFAULT_FILTER, ...f }, s);
const codeOf = (e: unknown) => (e as { code?: string; details?: { field?: string } }).details?.field;
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
};

// What the SQL text may depend on: each term's kind and length class, and the prefilter's groups
// (prefilter.ts: how many needles and keys, a group left out when it has no trigram, a repeated
// term once). A harmless search of the same shape: each distinct term's folded text with its
// letters and digits replaced by two alternating consonants of its own (no doubled letters, no
// ae/oe/ue, so it folds to itself), everything else kept.
const PAIRS = ["hk", "mn", "pr", "st", "vw", "bd", "fg", "jl", "xz", "qy", "cb", "dh"];
function harmlessTerms(terms: readonly TSearchTerm[]): TSearchTerm[] {
  const names = new Map<string, string>();
  return terms.map((t) => {
    const f = foldSearch(t.text);
    if (!/[\p{L}\p{N}]/u.test(f)) return t; // nothing to hide, and it may fold to nothing at all
    if (!names.has(f)) {
      const pair = PAIRS[names.size % PAIRS.length]!;
      let i = 0;
      names.set(f, Array.from(f).map((ch) => (/[\p{L}\p{N}]/u.test(ch) ? pair[i++ % 2]! : ch)).join(""));
    }
    return { phrase: t.phrase, text: names.get(f)! };
  });
}
const harmlessSearch = (q: string) => formatSearch(harmlessTerms(searchTerms(q)));
const harmlessCompany = (c: string) => (/[\p{L}\p{N}]{3}/u.test(foldSearch(c)) ? "harmless" : "h");

const NASTY = [
  `'; DROP TABLE "Connection"; --`,
  `" OR 1=1 --`,
  "100%",
  "_",
  "\\",
  "\\%_",
  "ＡＣＭＥ％＿",
  "Robert'); DELETE FROM \"Tag\" WHERE ('1'='1",
  "$1 $$ $tag$",
  "SELECT pg_sleep(10)",
  "x".repeat(200),
  "😀 Zoë Ørsted",
];

describe("whereSql", () => {
  it("always starts with the team, as a bound value", () => {
    const sql = where({});
    expect(sql.text.startsWith(`c."teamId" = (SELECT $1::text) AND c."status" IN ($2::"ConnectionStatus")`)).toBe(true);
    expect(sql.values.slice(0, 2)).toEqual([TEAM, "CONNECTED"]);
  });

  it.each(NASTY)("keeps free text %j out of the SQL text", (text) => {
    // The same statement as for a harmless text of the same shape, with the text among the values.
    const terms = searchTerms(text);
    expect(where({ q: text }).text).toBe(where({ q: harmlessSearch(text) }).text);
    expect(where({ q: text }).values).toContain(terms[0]!.text);
    expect(where({ company: text }).text).toBe(where({ company: harmlessCompany(text) }).text);
    expect(where({ company: text }).values).toContain(text);
  });

  it("the SQL text depends only on the filter's shape, never on its values", () => {
    // Any search, ids, company, date and number against a harmless filter of the same shape.
    const instance = fc.record({
      words: fc.array(fc.string({ minLength: 1, maxLength: 20, unit: "grapheme-ascii" }).filter((w) => !/[\s"“”„«»]/u.test(w)), { minLength: 1, maxLength: 4 }),
      ids: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }),
      company: fc.string({ minLength: 1, maxLength: 50 }),
      day: fc.string({ minLength: 10, maxLength: 10 }),
      n: fc.integer(),
    });
    type TInstance = { words: string[]; ids: string[]; company: string; day: string; n: number };
    const build = (s: TInstance) =>
      where({ q: s.words.join(" "), accounts: s.ids, tags: s.ids, company: s.company, connectedFrom: s.day, inactiveMonths: s.n, scoreMin: s.n, flags: s.ids });
    const harmless = (s: TInstance): TInstance => ({
      words: harmlessTerms(s.words.map((text) => ({ text, phrase: false }))).map((t) => t.text),
      ids: s.ids.map((_, i) => `id-${i}`),
      company: harmlessCompany(s.company),
      day: "2000-01-01",
      n: 1,
    });
    fc.assert(
      fc.property(instance, (s) => {
        expect(build(s).text).toBe(build(harmless(s)).text);
      }),
      { numRuns: 500 },
    );
  });

  it("escapes LIKE metacharacters after unaccenting, with the escapes as values", () => {
    const sql = where({ q: "50%" });
    expect(sql.text).toContain("replace(replace(replace(crm_search_fold(");
    expect(sql.values).toEqual(expect.arrayContaining(["50%", "\\", "\\\\", "%", "\\%", "_", "\\_"]));
    expect(sql.text).not.toContain("\\");
  });

  it("matches short words as substrings, from 5 letters one typo away, long words by trigram similarity", () => {
    expect(where({ q: "acme" }).text).not.toMatch(/<%| ~ /);
    const typo = where({ q: "schmidt" });
    expect(typo.text).not.toContain("<%");
    expect(typo.text).toContain(`c."searchText" ~ $`);
    expect(typo.values).toContain(typoRegex("schmidt"));
    // 5 letters: a typo of a whole word only.
    expect(where({ q: "smtih" }).values).toContain(typoRegex("smtih", true));
    const long = where({ q: "corpration" });
    expect(long.text).toContain(`<% c."searchText"`);
    // The similarity is guarded by the word's halves.
    expect(long.values).toEqual(expect.arrayContaining(["corpration", "%corpr%", "%ation%"]));
    // A phrase is matched as written.
    expect(where({ q: `"acme corporation"` }).text).not.toMatch(/<%| ~ /);
  });

  it("one condition per word, all required", () => {
    const sql = where({ q: "acm co vp" });
    expect(sql.text.match(/c\."searchText" LIKE/g)).toHaveLength(3);
    expect(sql.text).not.toMatch(/\) OR \(c\."searchText"/);
  });

  it("tags: any is one EXISTS, all one per tag, none a NOT EXISTS, each naming the team", () => {
    const any = where({ tags: ["a", "b"] });
    expect(any.text.match(/EXISTS/g)).toHaveLength(1);
    expect(any.text).toContain(`ct."teamId" = (SELECT $`);
    expect(where({ tags: ["a", "b", "c"], tagMode: "all" }).text.match(/EXISTS/g)).toHaveLength(3);
    expect(where({ tags: ["a"], tagMode: "none" }).text).toContain("NOT EXISTS");
    expect(any.values.filter((v) => v === TEAM)).toHaveLength(2);
  });

  it("score filters read s and need an ICP", () => {
    const sql = where({ scoreMin: 10, scoreMax: 20, fit: ["strong"], flags: ["stale"] });
    expect(sql.text).toContain(`s."score" >=`);
    expect(sql.text).toContain(`s."flags" && ARRAY[`);
    for (const [f, param] of [
      [{ scoreMin: 1 }, "scoreMin"],
      [{ scoreMax: 1 }, "scoreMax"],
      [{ fit: ["none"] }, "fit"],
      [{ flags: ["stale"] }, "flag"],
      [{ sort: "score" }, "sort"],
    ] as Array<[Partial<TConnectionFilter>, string]>) {
      expect(codeOf(thrown(() => where(f, { teamId: TEAM, icpId: null })))).toBe(param);
    }
  });

  it("treats a parsed injection attempt as data or rejects it", () => {
    const { filter, errors } = parseFilter(`q=${encodeURIComponent(NASTY[0]!)}&sort=${encodeURIComponent("name desc; DROP TABLE x")}&dir=${encodeURIComponent("asc --")}`);
    expect(errors.map((e) => e.param)).toEqual(["sort", "dir"]);
    const sql = matchingIdsQuery(filter, scope);
    expect(sql.text).not.toContain("DROP");
    expect(sql.text.startsWith(`SELECT c.id FROM "Connection" c WHERE c."teamId" = (SELECT $1::text)`)).toBe(true);
  });
});

describe("sorting", () => {
  it("sort and direction come only from the whitelist", () => {
    for (const sort of ["name; DROP TABLE x", "__proto__", "constructor", "toString"]) {
      expect(codeOf(thrown(() => orderBySql(sort as TSortKey, "asc")))).toBe("sort");
    }
    expect(codeOf(thrown(() => orderBySql("name", "asc; DROP TABLE x" as TSortDir)))).toBe("dir");
    expect(codeOf(thrown(() => orderBySql("name", "ASC" as TSortDir)))).toBe("dir");
  });

  it.each(SORT_KEYS.flatMap((k) => [[k, "asc"], [k, "desc"]] as Array<[TSortKey, TSortDir]>))("%s %s: nulls last, id breaks ties", (sort, dir) => {
    const sql = orderBySql(sort, dir);
    const word = dir.toUpperCase();
    expect(sql.text).toBe(`ORDER BY ${SORT_SQL[sort].expr.text} ${word} NULLS LAST, c.id ${word}`);
    expect(sql.values).toEqual([]);
  });

  it("the seniority rank covers every seniority but unknown", () => {
    const text = SORT_SQL.seniority.expr.text;
    for (const s of SENIORITIES) expect(text.includes(`'${s}'`)).toBe(s !== "unknown");
  });

  it("keyset: after a value, or among the missing values after an id", () => {
    const after = afterSql("connectedOn", "desc", { value: "2020-01-01", id: "x" });
    expect(after.text).toBe(`(c."connectedOn" < $1::date OR (c."connectedOn" = $2::date AND c.id < $3) OR c."connectedOn" IS NULL)`);
    expect(after.values).toEqual(["2020-01-01", "2020-01-01", "x"]);
    const nulls = afterSql("score", "asc", { value: null, id: "y" });
    expect(nulls.text).toBe(`(s."score" IS NULL AND c.id > $1)`);
    expect(afterSql("name", "asc", { value: "'; DROP TABLE x; --", id: "z" }).text).not.toContain("DROP");
  });

  it("composes into a statement Prisma accepts", () => {
    const f = parseFilter("q=acme+corpration&tag=t1&sort=score&scoreMin=3").filter;
    const sql = Prisma.sql`SELECT 1 FROM x WHERE ${whereSql(f, scope)} ${orderBySql(f.sort, f.dir)}`;
    const placeholders = new Set(sql.text.match(/\$\d+/g));
    expect(placeholders.size).toBe(sql.values.length);
  });
});
