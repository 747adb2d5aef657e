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

// A term's shape: its kind, and for the candidate prefilter (prefilter.ts) whether it has the
// 3 letters a trigram needs.
const HARMLESS = { e0: "h", e1: "harm", p0: "h", p1: "h h", t0: "harms", t1: "harmes", t2: "harmest", g: "harmlessly" } as const;
const folded = (text: string) => Array.from(foldSearch(text)).length;
function shapeOf(t: TSearchTerm): keyof typeof HARMLESS {
  const n = folded(t.text);
  const kind = searchTermKind(t);
  if (kind === "word-typo") return "t0";
  if (kind === "typo") return n < 7 ? "t1" : "t2";
  if (kind === "trigram") return "g";
  if (t.phrase) return n < 3 ? "p0" : "p1";
  return n < 3 ? "e0" : "e1";
}

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
    const harmless = formatSearch(terms.map((t) => ({ phrase: t.phrase, text: HARMLESS[shapeOf(t)] })));
    expect(where({ q: text }).text).toBe(where({ q: harmless }).text);
    expect(where({ q: text }).values).toContain(terms[0]!.text);
    expect(where({ company: text }).text).toBe(where({ company: folded(text) < 3 ? "h" : "harmless" }).text);
    expect(where({ company: text }).values).toContain(text);
  });

  it("the SQL text depends only on the filter's shape, never on its values", () => {
    // Same shape (how many words, which are long enough for typos or the prefilter, list lengths): same text.
    const kinds = ["e0", "e1", "t0", "t1", "t2", "g"] as const;
    const word = (kind: number) =>
      fc
        .string({ minLength: 1, maxLength: 20, unit: "grapheme-ascii" })
        .filter((w) => !/[\s"“”„«»]/u.test(w) && shapeOf({ text: w, phrase: false }) === kinds[kind]);
    const instance = ([longs, ids]: [number[], number]) =>
      fc.record({
        words: fc.tuple(...longs.map(word)),
        ids: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: ids, maxLength: ids }),
        company: fc.string({ minLength: 1, maxLength: 50 }).filter((c) => folded(c) >= 3),
        day: fc.string({ minLength: 10, maxLength: 10 }),
        n: fc.integer(),
      });
    const build = (s: { words: string[]; ids: string[]; company: string; day: string; n: number }) =>
      where({ q: s.words.join(" "), accounts: s.ids, tags: s.ids, company: s.company, connectedFrom: s.day, inactiveMonths: s.n, scoreMin: s.n, flags: s.ids });
    const shape = fc.tuple(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(
      fc.property(
        shape.chain((sh) => fc.tuple(instance(sh), instance(sh))),
        ([a, b]) => {
          expect(build(a).text).toBe(build(b).text);
        },
      ),
      { numRuns: 300 },
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
