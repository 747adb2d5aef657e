import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { likeLiteral, typoPatterns, typoRegex, wordTypoKeys } from "./search";
import { rowKeys, wholeWordTypo } from "./typo-regex.test-util";

// The typo matching that sql.ts runs in Postgres (`~`), against independent references: LIKE's own
// semantics for words inside a text, and the edit distance for whole words. Postgres' regular
// expressions (ARE) read the constructs typoRegex uses ((?:…), ., [^ ], ^, $, \-escapes of
// metacharacters) as JavaScript does with the s and u flags; search-typo.integration.test.ts runs
// the same comparison in Postgres itself.

/** LIKE as Postgres reads it (backslash escapes, % any run, _ one character) as a JavaScript RegExp. */
function likeRegExp(pattern: string): RegExp {
  let re = "";
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "\\") re += chars[++i]!.replace(/[\\^$.|?*+()[\]{}/-]/gu, "\\$&");
    else if (ch === "%") re += ".*";
    else if (ch === "_") re += ".";
    else re += ch.replace(/[\\^$.|?*+()[\]{}/-]/gu, "\\$&");
  }
  return new RegExp(`^${re}$`, "su");
}

// Small alphabets make near misses common; "." "%" "_" "\\" and "(" check the escaping.
const letters = fc.constantFrom("a", "b", "e", "r", "w", ".", "%", "_", "\\", "(", "é");
const word = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((c) => c.join(""));
const text = fc.array(fc.oneof(letters, fc.constant(" ")), { maxLength: 24 }).map((c) => c.join(""));

describe("typoRegex inside a text (6–7 letters)", () => {
  it("matches exactly what LIKE ANY of typoPatterns matches", () => {
    fc.assert(
      fc.property(word(5, 7), text, (w, t) => {
        const like = typoPatterns(w).some((p) => likeRegExp(p).test(t));
        expect(new RegExp(typoRegex(w), "su").test(t), `${w} in ${JSON.stringify(t)}`).toBe(like);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("typoRegex as a whole word (5 letters)", () => {
  it("matches a text when one of its words is one typo away (not at the very ends), not the word itself", () => {
    fc.assert(
      fc.property(word(5, 5), text, (w, t) => {
        const near = t.split(" ").some((token) => wholeWordTypo(token, w));
        expect(new RegExp(typoRegex(w, true), "su").test(t), `${w} in ${JSON.stringify(t)}`).toBe(near);
      }),
      { numRuns: 3000 },
    );
  });

  it("a word one typo away always shares a key with the searched word (SymSpell)", () => {
    fc.assert(
      fc.property(word(5, 5), text, (w, t) => {
        if (!new RegExp(typoRegex(w, true), "su").test(t)) return;
        const keys = new Set(wordTypoKeys(w));
        expect(rowKeys(t).some((k) => keys.has(k)), `${w} in ${JSON.stringify(t)}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds the typos people make and not a longer word", () => {
    const re = new RegExp(typoRegex("wever", true), "su");
    expect(re.test("anna weber acme")).toBe(true); // a letter wrong
    expect(re.test("weber")).toBe(true);
    expect(re.test("anna kweber")).toBe(false); // "we?er" inside a longer word: not a whole-word typo
    expect(re.test("webers")).toBe(false); // two edits
    expect(re.test("anna ewver")).toBe(true); // the first two swapped
    expect(new RegExp(typoRegex("emile", true), "su").test("emil zola")).toBe(false); // one name is not another
    expect(new RegExp(typoRegex("maria", true), "su").test("mario rossi")).toBe(false);
  });

  it("escapes what would be regular-expression syntax", () => {
    expect(typoRegex("a.b(c")).not.toMatch(/(?<!\\)\((?!\?:)/u);
    expect(new RegExp(typoRegex("50%_x"), "su").test(`50%_y`)).toBe(false); // "x" wrong but end letters only count from 6
    expect(likeLiteral("50%_x")).toBe("50\\%\\_x");
  });
});
