import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrls } from "@crm/db/testing";
import { parseFilter } from "../filter/parse";
import { prefilterGroups, prefilterPays } from "../filter/prefilter";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople, type TSeeded } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";

// Issue 13: search narrows by way of crm_connection_candidates, an owner-side function that reads
// past row-level security. Two teams hold the same people; whatever the search, team A sees only
// its own, and the function refuses a team other than the transaction's.

let a: TTeamContext;
let b: TTeamContext;
let seededA: TSeeded[];
let seededB: TSeeded[];
let app: pg.Client;

const PEOPLE = [
  { first: "Anna", last: "Schmidt", company: "ACME Corporation", position: "VP Sales" },
  { first: "Sean", last: "O'Brien", company: "Acme Corp", position: "Head of Sales" },
  { first: "Maria", last: "Müller", company: "Stark Industries", position: "Sales Manager" },
  { first: "Tom", last: "Baker", company: "50%_off \\ Ltd", position: "Director" },
];

beforeAll(async () => {
  await startTestEnv();
  a = (await signUpUser("tenant-a")).ctx;
  b = (await signUpUser("tenant-b")).ctx;
  const accA = await addAccount(a, "A network");
  const accB = await addAccount(b, "B network");
  seededA = await seedPeople(a, PEOPLE.map((p) => ({ ...p, account: accA })));
  seededB = await seedPeople(b, [...PEOPLE, { first: "Only", last: "Inbee", company: "Schmidt Only B", position: "Manager" }].map((p) => ({ ...p, account: accB })));
  app = new pg.Client({ connectionString: testDatabaseUrls().appUrl });
  await app.connect();
});
afterAll(async () => {
  await app.end();
  await stopTestEnv();
});

const SEARCHES = [
  "q=anna+schmidt",
  "q=schmidt",
  "q=schimdt", // a typo across the halves' seam: neither half verbatim
  "q=corpration",
  "q=acme+corpration",
  "q=acme+corp",
  "q=m%C3%BCller",
  "q=o'brien",
  "q=%22vp+sales%22",
  "company=acme&sort=company",
  "company=50%25_off",
  "q=inbee",
];

describe("search across tenants", () => {
  it("uses the prefilter for these searches (else this test proves nothing about it)", () => {
    const uses = SEARCHES.filter((s) => prefilterPays(prefilterGroups(parseFilter(s).filter)));
    expect(uses.length).toBeGreaterThanOrEqual(7);
  });

  it.each(SEARCHES)("%s: team A's rows only, the same as team B's own", async (query) => {
    const { filter, errors } = parseFilter(query);
    expect(errors).toEqual([]);
    const idsA = new Set(seededA.map((p) => p.id));
    const rowsA = (await listConnections(a, filter, { limit: 200 })).rows;
    expect(rowsA.every((r) => idsA.has(r.id))).toBe(true);
    expect(await countConnections(a, filter)).toBe(rowsA.length);
    // Team B holds the same people (and one more): the same names, other ids.
    const rowsB = (await listConnections(b, filter, { limit: 200 })).rows;
    expect(rowsB.every((r) => seededB.some((p) => p.id === r.id))).toBe(true);
    expect(rowsA.map((r) => r.name).sort()).toEqual(rowsB.map((r) => r.name).filter((n) => n !== "Only Inbee").sort());
  });

  it("finds what it should (the prefilter never drops a match)", async () => {
    const names = async (q: string) => (await listConnections(a, parseFilter(q).filter, { limit: 200 })).rows.map((r) => r.name).sort();
    expect(await names("q=anna+schmidt")).toEqual(["Anna Schmidt"]);
    expect(await names("q=schimdt")).toEqual(["Anna Schmidt"]);
    expect(await names("q=corpration")).toContain("Anna Schmidt");
    expect(await names("company=50%25_off")).toEqual(["Tom Baker"]);
    expect(await names("q=inbee")).toEqual([]);
  });
});

// The app calls crm_connection_candidate_keys; crm_connection_candidates (its ids) stays for the
// previous release during a rolling deploy. Both answer the same, and refuse the same.
const CALLS = {
  crm_connection_candidates: "SELECT crm_connection_candidates($1, $2::text[], $3::int[], $4::text[], $5::int[]) AS id",
  crm_connection_candidate_keys: "SELECT k.id FROM crm_connection_candidate_keys($1, $2::text[], $3::int[], $4::text[], $5::int[]) k",
} as const;

describe.each(Object.keys(CALLS) as Array<keyof typeof CALLS>)("%s as the app role", (fn) => {
  const call = async (scope: string | null, team: string | null, needles: Array<string | null>, groups: number[], keys: string[] = [], keyGroups: number[] = []) => {
    await app.query("BEGIN");
    try {
      if (scope !== null) await app.query("SELECT set_config('app.team_id', $1, true)", [scope]);
      const { rows } = await app.query<{ id: string }>(CALLS[fn], [
        team,
        needles,
        groups,
        keys,
        keyGroups,
      ]);
      return rows.map((r) => r.id).sort();
    } finally {
      await app.query("ROLLBACK");
    }
  };
  const code = (p: Promise<unknown>) => p.then(() => "resolved", (e: { code?: string }) => e.code);

  it("returns only the transaction's team's ids for a needle both teams match", async () => {
    const got = await call(a.teamId, a.teamId, ["schmidt"], [1]);
    expect(got).toEqual([seededA[0]!.id]);
    expect(await call(b.teamId, b.teamId, ["schmidt"], [1])).toHaveLength(2);
  });

  it("refuses another team's id, a missing one, or no team in the transaction", async () => {
    expect(await code(call(a.teamId, b.teamId, ["schmidt"], [1]))).toBe("42501");
    expect(await code(call(a.teamId, null, ["schmidt"], [1]))).toBe("42501");
    expect(await code(call(a.teamId, "", ["schmidt"], [1]))).toBe("42501");
    expect(await code(call(null, a.teamId, ["schmidt"], [1]))).toBe("42501");
    expect(await code(call("", "", [], []))).toBe("42501");
  });

  it("only narrows: short or missing needles widen, metacharacters are literal", async () => {
    const all = seededA.map((p) => p.id).sort();
    expect(await call(a.teamId, a.teamId, [], [])).toEqual(all);
    expect(await call(a.teamId, a.teamId, ["schmidt", "ab"], [1, 2])).toEqual([seededA[0]!.id]); // group 2 dropped
    expect(await call(a.teamId, a.teamId, ["ab"], [1])).toEqual(all);
    expect(await call(a.teamId, a.teamId, [null], [1])).toEqual(all);
    expect(await call(a.teamId, a.teamId, [null, "baker"], [1, 1])).toEqual([seededA[3]!.id]);
    expect(await call(a.teamId, a.teamId, ["50%_of \\ ltd"], [1])).toEqual([seededA[3]!.id]); // doubled letters fold to one
    expect(await call(a.teamId, a.teamId, ["50%x"], [1])).toEqual(all); // no 3 letters or digits in a row: no trigram, the group widens
    expect(await call(a.teamId, a.teamId, ["50%xyz"], [1])).toEqual([]);
    expect(await call(a.teamId, a.teamId, ["schmidt", "brien"], [1, 1])).toEqual([seededA[0]!.id, seededA[1]!.id].sort());
  });

  it("finds whole words one typo away by their keys, for the transaction's team only", async () => {
    // "schmidt" is 7 letters, so its words' keys are not indexed; "baker" (5) is.
    const baker = ["baker", "aker", "bker", "baer", "bakr", "bake"];
    expect(await call(a.teamId, a.teamId, [], [], ["bakar", "akar", "bkar", "baar", "bakr", "baka"], [1, 1, 1, 1, 1, 1])).toEqual([seededA[3]!.id]);
    expect(await call(a.teamId, a.teamId, [], [], baker, baker.map(() => 1))).toEqual([seededA[3]!.id]);
    expect(await call(a.teamId, a.teamId, ["zzzz"], [1], baker, baker.map(() => 1))).toEqual([seededA[3]!.id]); // substring OR keys
    expect(await call(a.teamId, a.teamId, ["schmidt"], [1], baker, baker.map(() => 2))).toEqual([]); // groups AND
    expect(await call(a.teamId, a.teamId, [], [], ["qqqq"], [1])).toEqual([]);
    expect(await code(call(a.teamId, b.teamId, [], [], baker, baker.map(() => 1)))).toBe("42501");
  });

  it("refuses more than 24 needles and mismatched groups, and cuts a long one (which only widens)", async () => {
    expect(await code(call(a.teamId, a.teamId, [], [], Array(65).fill("abcd"), Array(65).fill(1)))).toBe("54000");
    expect(await code(call(a.teamId, a.teamId, [], [], ["abcd"], [1, 2]))).toBe("22023");
    expect(await code(call(a.teamId, a.teamId, [], [], ["abcd"], [0]))).toBe("22023");
    expect(await code(call(a.teamId, a.teamId, Array(25).fill("abc"), Array(25).fill(1)))).toBe("54000");
    expect(await code(call(a.teamId, a.teamId, ["x".repeat(401)], [1]))).toBe("resolved");
    expect(await code(call(a.teamId, a.teamId, ["abc"], [1, 2]))).toBe("22023");
    expect(await code(call(a.teamId, a.teamId, ["abc"], [25]))).toBe("22023");
  });
});

describe("crm_connection_candidate_keys' sort columns", () => {
  it("are the rows' own, for substrings and for word keys alike", async () => {
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.team_id', $1, true)", [a.teamId]);
      const cols = `id, "firstName", "lastName", company, "position", seniority, "connectedOn"::text, "lastInteractionAt"::text`;
      const table = await app.query(`SELECT ${cols} FROM "Connection" WHERE "teamId" = $1 ORDER BY id`, [a.teamId]);
      const baker = ["baker", "aker", "bker", "baer", "bakr", "bake"];
      const bySubstring = await app.query(`SELECT ${cols} FROM crm_connection_candidate_keys($1, ARRAY['a'], ARRAY[1], '{}'::text[], '{}'::int[]) ORDER BY id`, [a.teamId]);
      const byKeys = await app.query(`SELECT ${cols} FROM crm_connection_candidate_keys($1, ARRAY['zzzz'], ARRAY[1], $2::text[], $3::int[]) ORDER BY id`, [a.teamId, baker, baker.map(() => 1)]);
      expect(table.rows).toHaveLength(PEOPLE.length);
      expect(bySubstring.rows).toEqual(table.rows);
      expect(byKeys.rows).toEqual(table.rows.filter((r: { lastName: string }) => r.lastName === "Baker"));
    } finally {
      await app.query("ROLLBACK");
    }
  });
});

describe("the default ICP sent with BEGIN (listConnections' prelude)", () => {
  it("is the caller's team's first ICP, never another team's older one", async () => {
    const owner = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
    await owner.connect();
    try {
      // B's ICP is older than anything A has: without the team in force, it would come first.
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO "Icp" (id, "teamId", name, definition, "createdAt", "updatedAt") VALUES ($1, $2, 'B only', '{}', '2000-01-01', now()) RETURNING id`,
        [`icp-b-${Date.now()}`, b.teamId],
      );
      const ownOfA = await owner.query<{ id: string }>(`SELECT id FROM "Icp" WHERE "teamId" = $1 ORDER BY "createdAt", id LIMIT 1`, [a.teamId]);
      const page = await listConnections(a, parseFilter(new URLSearchParams("")).filter);
      expect(page.icp?.id ?? null).toBe(ownOfA.rows[0]?.id ?? null);
      expect(page.icp?.id).not.toBe(rows[0]!.id);
      expect((await listConnections(b, parseFilter(new URLSearchParams("")).filter)).icp?.id).toBe(rows[0]!.id);
    } finally {
      await owner.end();
    }
  });
});

