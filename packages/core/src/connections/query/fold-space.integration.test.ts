import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { testDatabaseUrls } from "@crm/db/testing";
import { parseFilter } from "../filter/parse";
import { foldSearch, searchTermKind } from "../filter/search";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople, type TSeeded } from "./fixtures.test-util";
import { countConnections } from "./list";
import type { TPageMode } from "./page-ids";
import { pageSql } from "./rows";

// Review (issue 13): the prefilter must only narrow. foldSearch turned a spacing diacritic
// ("¨" U+00A8, "˘" U+02D8, "‗" U+2017: NFKD gives a space plus a mark) into a space, so a single
// term could fold to a 5-letter "word" holding a space. Its whole-word typo regex then matched two
// short words of the text ("ed la"), which have no crm_word_typo_keys (only 4–6-letter words
// do): the walk found the rows, the prefilter's modes and the count did not. foldSearch now drops
// the spaces NFKD makes, so the term stays one word.

let a: TTeamContext;
let b: TTeamContext;
let seeded: TSeeded[];
let app: pg.Client;

beforeAll(async () => {
  await startTestEnv();
  a = (await signUpUser("review-fold-a")).ctx;
  b = (await signUpUser("review-fold-b")).ctx;
  const acc = await addAccount(a, "A");
  seeded = await seedPeople(a, [
    { first: "Ed", last: "La", company: "Acme", account: acc },
    { first: "Di", last: "La", company: "Acme", account: acc },
    { first: "Anna", last: "Weber", company: "Acme", account: acc },
    // What the terms do match as written (crm_search_fold keeps the accents): the modes must find it too.
    { first: "Jo", last: "Ng", company: "De¨La Corp", account: acc },
    { first: "Bo", last: "Li", company: "Di˘La Ltd", account: acc },
  ]);
  await seedPeople(b, [{ first: "Anna", last: "Weber", company: "Acme", account: await addAccount(b, "B") }]);
  app = new pg.Client({ connectionString: testDatabaseUrls().appUrl });
  await app.connect();
}, 120_000);
afterAll(async () => {
  await app?.end();
  await stopTestEnv();
});

async function found(q: string, mode: TPageMode): Promise<string[]> {
  const { filter } = parseFilter(`q=${encodeURIComponent(q)}&sort=name&dir=asc`);
  const rows = await withTeamRaw(a.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(pageSql(filter, { teamId: a.teamId, icpId: null }, null, 50, mode)));
  return rows.map((r) => r.id).sort();
}

describe("a term whose JS fold holds a space", () => {
  it("folds to one word (then a 4-letter word, matched as written)", () => {
    expect(foldSearch("de¨la")).toBe("dela");
    expect(searchTermKind({ text: "de¨la", phrase: false })).toBe("exact");
  });

  it.each(["de¨la", "di˘la"])("%s: every page mode and the count agree", async (q) => {
    // The walk tests the exact conditions alone (no prefilter) on all 3 rows: it is the reference.
    const walk = await found(q, "walk");
    expect(walk).toHaveLength(1); // the company that holds the term as written
    for (const mode of ["plan", "collect", "deep"] as const) expect(await found(q, mode), mode).toEqual(walk);
    expect(await countConnections(a, parseFilter(`q=${encodeURIComponent(q)}`).filter)).toBe(walk.length);
  });
});

describe("crm_connection_candidates: odd arrays (review)", () => {
  const call = async (team: string, keys: string, keyGroups: string, needles = "{}", groups = "{}") => {
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.team_id', $1, true)", [a.teamId]);
      const { rows } = await app.query<{ id: string }>("SELECT crm_connection_candidates($1, $2::text[], $3::int[], $4::text[], $5::int[]) AS id", [team, needles, groups, keys, keyGroups]);
      return rows.map((r) => r.id).sort();
    } finally {
      await app.query("ROLLBACK");
    }
  };
  const code = (p: Promise<unknown>) => p.then(() => "resolved", (e: { code?: string }) => e.code);
  const weberId = () => seeded[2]!.id;

  it("refuses keys not from 1, multi-dimensional keys and a NULL key group", async () => {
    expect(await code(call(a.teamId, "[0:0]={weber}", "{1}"))).toBe("22023");
    expect(await code(call(a.teamId, "{weber}", "[0:0]={1}"))).toBe("22023");
    expect(await code(call(a.teamId, "{{weber},{eber}}", "{{1},{1}}"))).toBe("22023");
    expect(await code(call(a.teamId, "{weber}", "{NULL}"))).toBe("22023");
    expect(await code(call(a.teamId, "{weber}", "{0}"))).toBe("22023");
  });

  it("binds hostile keys and needles: no SQL runs, only the team's ids come back", async () => {
    const hostile = [`') OR true --`, `$1`, `$3[1]`, `\\`, `%`, `_`, `']::text[]) UNION SELECT id FROM "Connection" --`, "x".repeat(100_000)];
    const keys = `{${hostile.map((h) => `"${h.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
    expect(await call(a.teamId, keys, `{${hostile.map(() => 1).join(",")}}`)).toEqual([]);
    // As needles (with 3 letters or digits in a row: a needle without drops its group, which
    // widens to the team's rows).
    const long = hostile.filter((h) => /[a-z0-9]{3}/i.test(h));
    expect(await call(a.teamId, "{}", "{}", `{"$3[1]","%_%"}`, "{1,1}")).toEqual(seeded.map((s) => s.id).sort());
    const needles = `{${long.map((h) => `"${h.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
    expect(await call(a.teamId, "{}", "{}", needles, `{${long.map(() => 1).join(",")}}`)).toEqual([]);
    expect(await call(a.teamId, "{}", "{}", `{"$1",weber}`, "{1,2}")).toEqual(seeded.map((s) => s.id).sort().filter((id) => id === seeded[2]!.id));
    // a NULL key is left out; a group of only NULL keys widens to the team (never beyond it)
    expect(await call(a.teamId, "{NULL,weber}", "{1,1}")).toEqual([weberId()]);
    expect(await call(a.teamId, "{NULL}", "{1}")).toEqual(seeded.map((s) => s.id).sort());
  });
});
