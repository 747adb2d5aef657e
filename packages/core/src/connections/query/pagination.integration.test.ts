import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { withTeam, type TTx } from "@crm/db";
import { parseFilter } from "../filter/parse";
import { SORT_KEYS, type TConnectionFilter, type TSortDir } from "../filter/types";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../../testing/setup";
import { addAccount, addIcp, addTag, seedPeople } from "./fixtures.test-util";
import { countConnections, iterateConnections, listConnections, matchingIdsSql, resolveIcp } from "./list";
import { buildWorld, expectedIds, type TWorld } from "./world.test-util";

let w: TWorld;
let b: TSignedUpUser;
let bIds: { account: string; tag: string; icp: string; people: string[] };

beforeAll(async () => {
  await startTestEnv();
  const [a, bb] = await Promise.all([signUpUser("pagesA"), signUpUser("pagesB")]);
  w = await buildWorld(a.ctx);
  b = bb;
  const account = await addAccount(b.ctx, "Bravo network");
  const people = await seedPeople(b.ctx, [
    { first: "Ana", last: "Smith", account, company: "ACME Corporation", connectedOn: "2020-03-01" },
    { first: "Bob", last: "Bravo", account, company: "Globex", seniority: "vp" },
  ]);
  const ids = people.map((p) => p.id);
  bIds = { account, people: ids, tag: await addTag(b.ctx, "VIP", ids), icp: await addIcp(b.ctx, "B's ICP", [{ connectionId: ids[0]!, score: 99 }], new Date("2020-01-01")) };
});
afterAll(stopTestEnv);

const filterOf = (qs: string) => {
  const { filter, errors } = parseFilter(qs);
  expect(errors).toEqual([]);
  return filter;
};

async function walk(f: TConnectionFilter, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listConnections(w.ctx, f, { cursor, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return seen;
    expect(page.rows).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error("the walk did not end");
}

const CASES = SORT_KEYS.flatMap((sort) => (["asc", "desc"] as TSortDir[]).map((dir) => [sort, dir] as const));

describe("sorting and keyset pagination", () => {
  it.each(CASES)("%s %s: walking small pages returns every row once, in order, missing values last", async (sort, dir) => {
    const f = filterOf(`status=all&sort=${sort}&dir=${dir}`);
    const whole = (await listConnections(w.ctx, f, { limit: 200 })).rows;
    expect(whole).toHaveLength(w.people.length);
    const walked = await walk(f, 7);
    expect(walked).toEqual(whole.map((r) => r.id));
    expect(new Set(walked).size).toBe(walked.length);
    expect(await countConnections(w.ctx, f)).toBe(walked.length);
    const batches: string[] = [];
    for await (const batch of iterateConnections(w.ctx, f, 8)) batches.push(...batch.map((r) => r.id));
    expect(batches).toEqual(walked);

    if (sort === "name" || sort === "company" || sort === "position") {
      const value = (r: (typeof whole)[number]) => (sort === "name" ? r.name : r[sort]);
      const firstMissing = whole.findIndex((r) => !value(r));
      if (sort !== "name") expect(firstMissing).toBeGreaterThan(0);
      if (firstMissing >= 0) expect(whole.slice(firstMissing).every((r) => !value(r))).toBe(true);
    } else {
      expect(walked).toEqual(expectedIds(w, f));
    }
  });

  it("text sorts are accent- and case-aware (ICU order, not byte order)", async () => {
    const crafted = new Set(["ana", "emil", "emile", "jose", "kwame", "li", "maria", "priya", "tom", "zoe"].map((k) => w.by[k]!.id));
    const order = async (qs: string, field: "name" | "company") =>
      (await listConnections(w.ctx, filterOf(qs), { limit: 200 })).rows.filter((r) => crafted.has(r.id)).map((r) => r[field]);
    expect(await order("status=all&sort=name", "name")).toEqual([
      "Ana Smith", "emil Brown", "Émile Dubois", "José García", "Kwame Mensah", "Li Wei", "Maria Müller", "Priya Patel", "Tom Under", "Zoë Ørsted",
    ]);
    expect(await order("status=all&sort=company&dir=desc", "company")).toEqual([
      "under_score Inc", "Stark Industries", "Initech", "Hooli", "Globex", "Émile & Co", "ACME Labs", "ACME Corporation", "100% Growth", null,
    ]);
  });

  it("ties are broken by id, so equal values never repeat or drop across pages", async () => {
    const f = filterOf("status=all&sort=connectedOn");
    const rows = (await listConnections(w.ctx, f, { limit: 200 })).rows;
    const tied = rows.filter((r) => r.connectedOn === "2020-03-01").map((r) => r.id);
    expect(tied.length).toBeGreaterThan(7);
    expect(tied).toEqual([...tied].sort().reverse());
    for (const limit of [1, 2, 3, 5]) expect(await walk(f, limit)).toEqual(rows.map((r) => r.id));
  });

  it("a filtered walk matches the filtered count", async () => {
    const f = filterOf(`tag=${w.tags.vip},${w.tags.prospect}&sort=score&scoreMin=10`);
    const walked = await walk(f, 3);
    expect(walked).toEqual(expectedIds(w, f));
    expect(walked.length).toBe(await countConnections(w.ctx, f));
  });
});

describe("tenancy", () => {
  const aIds = () => new Set(w.people.map((p) => p.id));

  it("team B's account, tag and ICP ids select nothing of B's in team A", async () => {
    expect((await listConnections(w.ctx, filterOf(`account=${bIds.account}&status=all`))).rows).toEqual([]);
    expect(await countConnections(w.ctx, filterOf(`account=${bIds.account}`))).toBe(0);
    for (const mode of ["any", "all"]) expect(await countConnections(w.ctx, filterOf(`tag=${bIds.tag}&tagMode=${mode}`))).toBe(0);
    const none = await listConnections(w.ctx, filterOf(`tag=${bIds.tag}&tagMode=none&status=all`), { limit: 200 });
    expect(none.rows).toHaveLength(w.people.length);
    expect(none.rows.every((r) => aIds().has(r.id))).toBe(true);
    expect((await rejectionOf(listConnections(w.ctx, filterOf(`icp=${bIds.icp}`)))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(countConnections(w.ctx, filterOf(`icp=${bIds.icp}&scoreMin=1`)))).code).toBe("NOT_FOUND");
    const rows: string[] = [];
    for await (const batch of iterateConnections(w.ctx, filterOf("q=acme+corporation&status=all"))) rows.push(...batch.map((r) => r.id));
    expect(rows).toEqual([w.by.ana!.id]);
  });

  it("matchingIdsSql names the team, and row-level security holds even if it did not", async () => {
    const f = filterOf("status=all");
    const select = (tx: TTx, teamId: string, filter: TConnectionFilter) => tx.$queryRaw<Array<{ id: string }>>(matchingIdsSql({ teamId }, filter, null));
    const inA = await withTeam(w.ctx.teamId, (tx) => select(tx, w.ctx.teamId, f));
    expect(new Set(inA.map((r) => r.id))).toEqual(aIds());
    expect(await withTeam(w.ctx.teamId, (tx) => select(tx, w.ctx.teamId, filterOf(`account=${bIds.account}`)))).toEqual([]);
    // A's statement inside B's transaction: the explicit team and RLS disagree, nothing comes back.
    expect(await withTeam(b.ctx.teamId, (tx) => select(tx, w.ctx.teamId, f))).toEqual([]);
    expect((await withTeam(b.ctx.teamId, (tx) => select(tx, b.ctx.teamId, f))).map((r) => r.id).sort()).toEqual([...bIds.people].sort());
  });

  it("resolveIcp only finds the team's own ICPs", async () => {
    await withTeam(w.ctx.teamId, async (tx) => {
      expect(await resolveIcp(tx, w.ctx, filterOf(""))).toEqual({ id: w.icps.first, name: "Sales leaders" });
      expect(await resolveIcp(tx, w.ctx, filterOf(`icp=${w.icps.second}`))).toEqual({ id: w.icps.second, name: "Engineers" });
      expect((await rejectionOf(resolveIcp(tx, w.ctx, filterOf(`icp=${bIds.icp}`)))).code).toBe("NOT_FOUND");
    });
  });
});

/** Runs `fn`, counting the statements its transactions send (BEGIN and COMMIT aside). */
async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  let statements = 0;
  const original = pg.Client.prototype.query;
  const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text && !/^(BEGIN|COMMIT|ROLLBACK)$/.test(text.trim())) statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as never);
  try {
    return { result: await fn(), statements };
  } finally {
    spy.mockRestore();
  }
}

describe("a bounded number of statements", () => {
  it("a page costs the same few statements whatever its size", async () => {
    const f = filterOf(`status=all&sort=score&tag=${w.tags.vip},${w.tags.prospect},${w.tags.cold}`);
    const small = await countStatements(() => listConnections(w.ctx, f, { limit: 2 }));
    const large = await countStatements(() => listConnections(w.ctx, f, { limit: 200 }));
    expect(small.result.rows).toHaveLength(2);
    expect(large.result.rows.length).toBeGreaterThan(30);
    expect(large.result.rows.filter((r) => r.tags.length > 0).length).toBeGreaterThan(20);
    // BEGIN with the settings and the default ICP (one message), the rows with their tags (a
    // bounded walk in the page's order first, then the collected matches when the walk finds too
    // few: rows.ts).
    expect(small.statements).toBe(2);
    expect(large.statements).toBe(3);
    expect((await countStatements(() => countConnections(w.ctx, f))).statements).toBe(3);
  });

  it("an export walk costs a few statements per batch", async () => {
    const { result, statements } = await countStatements(async () => {
      let batches = 0;
      for await (const _ of iterateConnections(w.ctx, filterOf("status=all"), 10)) batches++;
      return batches;
    });
    expect(result).toBe(Math.ceil(w.people.length / 10));
    expect(statements).toBeLessThanOrEqual(2 * result + 1);
  });
});
