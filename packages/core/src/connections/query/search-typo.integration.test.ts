import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { testDatabaseUrls } from "@crm/db/testing";
import { parseFilter } from "../filter/parse";
import { foldSearch, searchTermKind, typoPatterns, typoRegex, wordTypoKeys } from "../filter/search";
import { rowKeys, wholeWordTypo } from "../filter/typo-regex.test-util";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople } from "./fixtures.test-util";
import { countConnections } from "./list";
import type { TPageMode } from "./page-ids";
import { pageSql } from "./rows";

// Typo search end to end in Postgres (issue 13, decision 0014): 300 people named from a five-letter
// alphabet, so near misses abound, searched with random 5–7-letter words. Every page mode (the
// planner's, the bounded walk, the collect behind the candidate prefilter) and the count must
// return exactly the rows a reference computed here says match: the word as written anywhere,
// one typo away anywhere (6–7 letters, LIKE semantics), or one typo from a whole word (5 letters,
// search.ts).
// That the prefilter only narrows is what makes them agree.

let ctx: TTeamContext;
let owner: pg.Client;
let texts: Map<string, string>;

const ALPHA = ["a", "b", "e", "r", "w"];
const rnd = (n: number, seed: { s: number }) =>
  Array.from({ length: n }, () => {
    seed.s = (seed.s * 1103515245 + 12345) % 2 ** 31;
    return ALPHA[seed.s % ALPHA.length]!;
  }).join("");

beforeAll(async () => {
  await startTestEnv();
  ctx = (await signUpUser("search-typo")).ctx;
  const account = await addAccount(ctx, "Typos");
  const seed = { s: 7 };
  const len = () => 4 + (seed.s % 4);
  await seedPeople(
    ctx,
    Array.from({ length: 300 }, () => ({ first: rnd(len(), seed), last: rnd(len(), seed), company: `${rnd(len(), seed)} ${rnd(3, seed)}`, position: rnd(len(), seed), account })),
  );
  owner = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
  await owner.connect();
  const { rows } = await owner.query<{ id: string; searchText: string }>(`SELECT id, "searchText" FROM "Connection" WHERE "teamId" = $1`, [ctx.teamId]);
  texts = new Map(rows.map((r) => [r.id, r.searchText]));
}, 120_000);
afterAll(async () => {
  await owner?.end();
  await stopTestEnv();
});

const likeMatches = (pattern: string, t: string) =>
  new RegExp(`^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("_", ".")).join(".*")}$`, "su").test(t);

function expected(q: string): string[] {
  const folded = foldSearch(q);
  const kind = searchTermKind({ text: q, phrase: false });
  return [...texts]
    .filter(([, t]) => {
      if (t.includes(folded)) return true;
      if (kind === "word-typo") return t.split(" ").some((w) => wholeWordTypo(w, folded));
      if (kind === "typo") return typoPatterns(folded).some((p) => likeMatches(p, t));
      return false;
    })
    .map(([id]) => id)
    .sort();
}

// By name: every row has a sort key, so a walk (which reads only rows with one) sees all 300.
async function found(q: string, mode: TPageMode, dir: "asc" | "desc"): Promise<string[]> {
  const { filter } = parseFilter(`q=${encodeURIComponent(q)}&sort=name&dir=${dir}`);
  const rows = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(pageSql(filter, { teamId: ctx.teamId, icpId: null }, null, 1000, mode)));
  return rows.map((r) => r.id).sort();
}

describe("typo search in Postgres", () => {
  it("every page mode and the count find exactly the reference's rows", async () => {
    const seed = { s: 99 };
    const queries = [...Array.from({ length: 30 }, (_, i) => rnd(5 + (i % 3), seed)), "wbera", "abeew"];
    for (const q of queries) {
      const want = expected(q);
      for (const mode of ["plan", "walk", "collect"] as const) {
        for (const dir of ["asc", "desc"] as const) expect(await found(q, mode, dir), `${q} (${mode}, ${dir})`).toEqual(want);
      }
      expect(await countConnections(ctx, parseFilter(`q=${q}`).filter), q).toBe(want.length);
    }
  }, 120_000);

  it("Postgres reads typoRegex as JavaScript does", async () => {
    const letters = fc.constantFrom("a", "b", "e", "r", ".", "%", "_", "\\", "(", "[", "é", "ß");
    const word = fc.array(letters, { minLength: 5, maxLength: 7 }).map((c) => c.join(""));
    const text = fc.array(fc.oneof(letters, fc.constant(" ")), { maxLength: 20 }).map((c) => c.join(""));
    const cases = fc.sample(fc.tuple(word, text, fc.boolean()), 400);
    const { rows } = await owner.query<{ m: boolean[] }>(`SELECT array_agg(t ~ r ORDER BY i) AS m FROM unnest($1::text[], $2::text[]) WITH ORDINALITY x(t, r, i)`, [
      cases.map(([, t]) => t),
      cases.map(([w, , whole]) => typoRegex(w, whole)),
    ]);
    expect(rows[0]!.m).toEqual(cases.map(([w, t, whole]) => new RegExp(typoRegex(w, whole), "su").test(t)));
  });

  it("crm_word_typo_keys gives the keys wordTypoKeys expects", async () => {
    const samples = ["anna weber acme", "wever", "  a  bcde fghijk ", "straße müller", "日本語テキスト abcd", "x", ""];
    const { rows } = await owner.query<{ k: string[] }>(`SELECT crm_word_typo_keys(t) AS k FROM unnest($1::text[]) WITH ORDINALITY x(t, i) ORDER BY i`, [samples]);
    expect(rows.map((r) => [...new Set(r.k)].sort())).toEqual(samples.map((s) => [...new Set(rowKeys(s))].sort()));
    expect(wordTypoKeys("weber")).toEqual(["weber", "eber", "wber", "weer", "webr", "webe"]);
  });
});
