import { describe, expect, it } from "vitest";
import { parseFilter } from "./parse";
import { foldSearch, formatSearch, searchTermKind, searchTerms, typoPatterns } from "./search";

describe("searchTerms", () => {
  it("reads words and quoted phrases, straight or typographic, an unclosed quote to the end", () => {
    expect(searchTerms(`acme "vp sales"  „Müller“ «x y» "open end`)).toEqual([
      { text: "acme", phrase: false },
      { text: "vp sales", phrase: true },
      { text: "Müller", phrase: true },
      { text: "x y", phrase: true },
      { text: "open end", phrase: true },
    ]);
    expect(searchTerms(`"" " " a`)).toEqual([{ text: "a", phrase: false }]);
    expect(formatSearch(searchTerms(`a  "b   c"`))).toBe(`a "b c"`);
  });

  it("keeps apostrophes inside words (O'Brien, O’Neill)", () => {
    expect(searchTerms("O'Brien O’Neill").map((t) => t.text)).toEqual(["O'Brien", "O’Neill"]);
  });
});

describe("foldSearch (the JavaScript side of crm_search_fold)", () => {
  it.each([
    ["Müller", "muler"],
    ["MUELLER", "muler"],
    ["O'Brien", "obrien"],
    ["Jean-Pierre", "jeanpiere"],
    ["Straße", "strase"],
    ["Geschäftsführer", "geschaftsfuhrer"],
    ["Zoë Ørsted", "zo orsted"],
    ["de¨la", "dela"], // a spacing accent is a space plus a mark under NFKD: one word stays one word
    ["ab˘cd ef", "abcd ef"],
  ])("%s → %s", (raw, folded) => expect(foldSearch(raw)).toBe(folded));
});

describe("typo tolerance in proportion to the word", () => {
  it("none under 5 letters or in a phrase, one typo from 5, trigrams from 8", () => {
    expect(searchTermKind({ text: "smt", phrase: false })).toBe("exact");
    expect(searchTermKind({ text: "mular", phrase: true })).toBe("exact");
    expect(searchTermKind({ text: "bakr", phrase: false })).toBe("exact");
    expect(searchTermKind({ text: "smtih", phrase: false })).toBe("word-typo");
    expect(searchTermKind({ text: "mueller", phrase: false })).toBe("word-typo"); // folds to "muler"
    expect(searchTermKind({ text: "schmidt", phrase: false })).toBe("typo");
    expect(searchTermKind({ text: "corpration", phrase: false })).toBe("trigram");
  });

  it("patterns cover a wrong, missing, extra or swapped letter, escaping LIKE's metacharacters", () => {
    const p = typoPatterns("mular");
    for (const x of ["%mul_r%", "%mlar%", "%mu_lar%", "%mualr%"]) expect(p).toContain(x);
    expect(p).not.toContain("%mula_%"); // a wrong last letter only from 6 letters
    expect(typoPatterns("dupond")).toContain("%dupon_%");
    expect(p).not.toContain("%mular%");
    expect(p).not.toContain("%ular%"); // an edge deletion would just be a shorter substring
    expect(typoPatterns("10%_")).toContain("%1_\\%\\_%"); // "0" wrong; % and _ stay literal
  });
});

describe("a search longer than the limit", () => {
  it("keeps the first 10 terms and names the rest in one error", () => {
    const { filter, errors } = parseFilter("q=1+2+3+4+5+6+7+8+9+10+11");
    expect(filter.q).toBe("1 2 3 4 5 6 7 8 9 10");
    expect(errors).toEqual([{ param: "q", message: "The search has 11 words; only the first 10 are searched. “11” was left out." }]);
  });
});
