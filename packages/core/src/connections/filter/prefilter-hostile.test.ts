import { describe, expect, it } from "vitest";
import { prefilterGroups, prefilterPays } from "./prefilter";
import { foldSearch, searchTermKind } from "./search";

// Review (issue 13) — latency of crm_connection_candidates on the bench (crm_h_bench, team 0,
// 30,000 rows). Each group is its own scan, INTERSECTed, so the function's cost is the sum of its
// groups' scans, and a substring with no trigram (no 3 letters/digits in a row) makes its scan
// read every row of the team (~15 ms each):
//   q=!?!?! ?!?!? !?!?# #!?!? #?#?# ?#?#? !#!#! #!#!# !?#!? ?#!?#   collect 303 ms (+ count 317 ms)
//   q=maria ×10                                                      collect 119 ms (one group, ten times)
//   q=group sales chief wayne tyrel wonka piper black stark silva   collect 140 ms
// prefilter.ts now leaves such groups out, keeps a group once and at most two with word keys.

describe("prefilter groups (review)", () => {
  it("a repeated word is one group, not ten scans", () => {
    const groups = prefilterGroups({ q: Array(10).fill("maria").join(" ") });
    expect(groups).toHaveLength(1);
  });

  it("a word without three letters or digits in a row does not make the prefilter pay", () => {
    expect(searchTermKind({ text: "!?!?!", phrase: false })).toBe("word-typo");
    expect(prefilterPays(prefilterGroups({ q: "!?!?!" }))).toBe(false);
  });

  it("a term never folds to text with a space (whole-word typos and their keys assume one word)", () => {
    for (const q of ["de¨la", "ab˘cd", "‗abcd", "x¯yzw"]) expect(foldSearch(q), q).not.toMatch(/ /);
  });
});
