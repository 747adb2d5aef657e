import { wordTypoKeys } from "./search";

// References for the typo tests: the edit distance and crm_word_typo_keys, written independently.

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function osa(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/** crm_word_typo_keys (migration 20261205220000) in JavaScript. */
export const rowKeys = (text: string) =>
  text.split(" ").flatMap((w) => {
    const n = Array.from(w).length;
    return n >= 4 && n <= 6 ? wordTypoKeys(w) : [];
  });


/** Two neighbours swapped: b is a with letters i-1 and i exchanged. */
const swapped = (a: string[], b: string[]) =>
  a.length === b.length && a.some((_, i) => i > 0 && a[i - 1] === b[i] && a[i] === b[i - 1] && a.every((x, j) => j === i || j === i - 1 || x === b[j]));

/** A whole-word typo as search.ts means it: one edit that keeps the first and last letters, or a swap of two neighbours. */
export function wholeWordTypo(token: string, word: string): boolean {
  const [tc, wc] = [Array.from(token), Array.from(word)];
  return token !== word && osa(token, word) === 1 && ((tc[0] === wc[0] && tc.at(-1) === wc.at(-1)) || swapped(tc, wc));
}
