import { Prisma } from "@crm/db";
import { describe, expect, it } from "vitest";
import { PREFILTER_MAX_NEEDLES, prefilterGroups, prefilterPays, prefilterSql } from "./prefilter";
import { foldSearch, halves, likeLiteral, typoPatterns, wordTypoKeys } from "./search";

const needles = (f: { q?: string; company?: string }) => prefilterGroups(f).map((g) => g.needles);

describe("prefilterGroups", () => {
  it("turns a short word or phrase into its folded text, from 3 letters", () => {
    expect(needles({ q: "anna" })).toEqual([[{ fold: "anna" }]]);
    expect(needles({ q: `"vp sales"` })).toEqual([[{ fold: "vp sales" }]]);
    expect(needles({ q: "vp ab" })).toEqual([]); // no trigram in either
    expect(needles({ q: "Ö'B" })).toEqual([]); // folds to "ob"
  });

  it("turns a typo word of 6–7 letters into one group per cut: its parts plus the swap across the cut", () => {
    expect(needles({ q: "Schmidt" })).toEqual([
      [{ fold: "Schmidt", unlessEqualTo: "schmidt" }, { literal: "schm" }, { literal: "idt" }, { literal: "schimdt" }],
      [{ fold: "Schmidt", unlessEqualTo: "schmidt" }, { literal: "sch" }, { literal: "midt" }, { literal: "scmhidt" }],
    ]);
    expect(needles({ q: "wagner" })).toEqual([[{ fold: "wagner", unlessEqualTo: "wagner" }, { literal: "wag" }, { literal: "ner" }, { literal: "wanger" }]]);
  });

  it("turns a 5-letter word into its folded text and its whole-word keys", () => {
    // No 3 letters of "sales" survive every typo ("sa?es"): whole words one typo away share a key.
    expect(prefilterGroups({ q: "sales müller" })).toEqual([
      { needles: [{ fold: "sales" }], keys: wordTypoKeys("sales"), strong: true, asWritten: false },
      { needles: [{ fold: "müller" }], keys: wordTypoKeys("muler"), strong: true, asWritten: false },
    ]);
  });

  it("turns a trigram word (8+) into its halves", () => {
    expect(needles({ q: "corpration" })).toEqual([[{ fold: "corpration", unlessEqualTo: "corpration" }, { literal: "corpr" }, { literal: "ation" }]]);
  });

  it("adds company as written, from 3 letters", () => {
    expect(needles({ company: "ACME" })).toEqual([[{ fold: "ACME" }]]);
    expect(needles({ company: "ab" })).toEqual([]);
  });

  it("leaves out what has no trigram, a repeated word, and word keys beyond two groups", () => {
    expect(prefilterGroups({ q: "!?!?! ?!?!?" })).toEqual([]);
    expect(prefilterGroups({ q: "o_hara%" })).toEqual([]); // every cut has a part without 3 letters in a row
    expect(prefilterGroups({ q: "maria maria MARIA" })).toHaveLength(1);
    expect(prefilterGroups({ q: "group sales chief wayne" }).filter((g) => g.keys.length)).toHaveLength(2);
    expect(prefilterGroups({ company: "a b!c" })).toEqual([]);
    expect(prefilterGroups({ company: "a.b-c" })).toHaveLength(1); // folds to "abc"
  });

  it("keeps only as many groups as the function accepts", () => {
    const q = Array.from({ length: 10 }, (_, i) => `worda${"bcdefghijk"[i]}`).join(" "); // ten 6-letter typo words
    const groups = prefilterGroups({ q });
    expect(groups.flatMap((g) => g.needles).length).toBeLessThanOrEqual(PREFILTER_MAX_NEEDLES);
    expect(groups).toHaveLength(6);
  });

  it("every one-typo pattern of a word keeps one of each group's substrings verbatim", () => {
    const words = ["schmidt", "manager", "wagner", "abcdef", "abcdefg", "nowak50"];
    for (const w of words) {
      const folded = foldSearch(w);
      const groups = needles({ q: w });
      expect(groups.length, w).toBe(Array.from(folded).length === 7 ? 2 : 1);
      for (const group of groups) {
        const literals = group.flatMap((n) => ("literal" in n ? [n.literal] : []));
        for (const p of typoPatterns(folded)) {
          expect(literals.some((l) => p.includes(likeLiteral(l))), `${w}: ${p}`).toBe(true);
        }
      }
      expect(groups[0]!.flatMap((n) => ("literal" in n ? [n.literal] : []))).toEqual(expect.arrayContaining(halves(folded)));
    }
  });
});

describe("prefilterPays", () => {
  const pays = (f: { q?: string; company?: string }) => prefilterPays(prefilterGroups(f));
  it("skips a lone word as written or a trigram word, which the team's rows answer as fast", () => {
    expect(pays({ q: "anna" })).toBe(false);
    expect(pays({ q: `"vp sales"` })).toBe(false);
    expect(pays({ q: "corpration" })).toBe(false);
    expect(pays({})).toBe(false);
  });
  it("runs for typo words, company, and two terms together", () => {
    expect(pays({ q: "schmidt" })).toBe(true);
    expect(pays({ q: "sales" })).toBe(true); // a 5-letter word's keys
    expect(pays({ q: "vp sales" })).toBe(true);
    expect(pays({ q: "anna schmidt" })).toBe(true);
    expect(pays({ company: "acme" })).toBe(true);
    expect(pays({ q: "acme corp" })).toBe(true);
    expect(pays({ q: "acme corpration" })).toBe(true);
  });
});

describe("prefilterSql", () => {
  const team = Prisma.sql`(SELECT ${"team-1"}::text)`;
  it("is null when it does not pay", () => {
    expect(prefilterSql({ q: "anna" }, team)).toBeNull();
  });
  it("binds every needle and numbers the groups", () => {
    const s = prefilterSql({ q: "anna schmidt", company: "acme50%_off" }, team)!;
    expect(s.sql).toContain("c.id IN (SELECT k.id FROM crm_connection_candidate_keys(");
    expect(s.sql).not.toMatch(/anna|schm|50%|acme/);
    expect(s.values).toEqual([
      "team-1",
      "anna",
      ...["schmidt", "schmidt", "schm", "idt", "schimdt"],
      ...["schmidt", "schmidt", "sch", "midt", "scmhidt"],
      "acme50%_off",
      [1, 2, 2, 2, 2, 3, 3, 3, 3, 4],
      [],
      [],
    ]);
    const w = prefilterSql({ q: "weber" }, team)!;
    expect(w.values).toEqual(["team-1", "weber", [1], wordTypoKeys("weber"), [1, 1, 1, 1, 1, 1]]);
  });
});
