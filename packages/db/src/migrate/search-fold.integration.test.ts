import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTestDatabase } from "../testing";

// crm_search_fold collapses runs of a character in one pass (migration 20261205183000): the regex
// it replaced ('(.)\1+') took time growing with the square of the text, so a hostile import with
// long fields kept a core busy for minutes. The stored searchText column was computed by the old
// body and was not rewritten, so the new one must give exactly the same result for every input.

let app: pg.Client;

beforeAll(async () => {
  const urls = await prepareTestDatabase();
  app = new pg.Client({ connectionString: urls.appUrl });
  await app.connect();
});
afterAll(async () => {
  await app.end();
});

const ALPHABET = ["a", "a", "b", "e", "l", "o", "s", " ", " ", "é", "ß", "李", "李", "\n", "\t", "%", "_", "\\", "'", "-", "😀", "😀", "e\u0301"];

function randomText(seed: number, length: number): string {
  let x = seed * 2654435761;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += ALPHABET[x % ALPHABET.length];
  }
  return out;
}

describe("crm_search_fold's run collapsing", () => {
  it("gives what the old regex gave, for random, empty and hostile text", async () => {
    const texts = ["", "a", "aa", "aaaaaaaa", " ", "  ", "ab".repeat(300), "a".repeat(500) + "b".repeat(500)];
    for (let i = 0; i < 1500; i++) texts.push(randomText(i, i % 7 === 0 ? 300 + (i % 400) : i % 60));
    const { rows } = await app.query<{ bad: string[] }>(
      `SELECT coalesce(array_agg(t), '{}') AS bad FROM unnest($1::text[]) AS t WHERE regexp_replace(t, '(.)\\1+', '\\1', 'g') IS DISTINCT FROM crm_collapse_runs(t)`,
      [texts],
    );
    expect(rows[0]!.bad).toEqual([]);
  });

  it("folds the longest text an import can hold in milliseconds, not seconds", async () => {
    // Name 200 + company 500 + position 500: the importer's caps; the old regex took ~30 ms for
    // 1,240 characters and ~300 ms for 4,000.
    const long = "Acme Corporation Head of Sales ".repeat(130);
    const started = performance.now();
    const { rows } = await app.query<{ n: number }>(`SELECT length(crm_search_fold($1)) AS n`, [long]);
    expect(rows[0]!.n).toBeGreaterThan(3000);
    expect(performance.now() - started).toBeLessThan(150);
  });
});
