import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { parseFilter } from "../filter/parse";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, addIcp, seedPeople, type TPerson } from "./fixtures.test-util";
import { iterateConnections, listConnections } from "./list";
import { firstMode, walksFirst } from "./page-ids";
import { pageSql } from "./rows";

// Issue 13: a page of a narrowing filter is first looked for among the first rows in the page's
// order, then among the collected matches (rows.ts). Whatever the filter, sort and page, the pages
// must be exactly the rows the full statement finds, in the same order, with ties, blanks and
// missing values where they belong.

let ctx: TTeamContext;
let icp: string;

const FIRST = ["Anna", "Émile", "Emil", "Zoë", "Tom", "Li", "  ", "Sofia"];
const COMPANIES = ["Acme Corporation", "Globex Ltd", null, "ACME Corp", "Initech", "", "Acme Corporation"];
const POSITIONS = ["VP Sales", "Engineer", null, "Head of Sales", "Corporate Counsel", "Director"];

beforeAll(async () => {
  await startTestEnv();
  ctx = (await signUpUser("walk")).ctx;
  const account = await addAccount(ctx, "Walk network");
  const people: TPerson[] = Array.from({ length: 600 }, (_, i) => ({
    first: i % 97 === 0 ? "Wilhelmina" : FIRST[i % FIRST.length]!,
    last: `Person${String(i % 150).padStart(3, "0")}`,
    account,
    company: COMPANIES[i % COMPANIES.length]!,
    position: POSITIONS[i % POSITIONS.length]!,
    // Ties on purpose (the id breaks them), and some undated.
    connectedOn: i % 11 === 0 ? null : `20${String(10 + (i % 14)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
    lastDays: i % 3 === 0 ? null : (i * 7) % 400,
  }));
  const seeded = await seedPeople(ctx, people);
  icp = await addIcp(ctx, "Leaders", seeded.map((p, i) => ({ connectionId: p.id, score: (i * 37) % 101 })), new Date("2026-01-01"));
});
afterAll(stopTestEnv);

const filterOf = (q: string) => {
  const { filter, errors } = parseFilter(q);
  expect(errors, q).toEqual([]);
  return filter;
};

async function allInOrder(q: string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of iterateConnections(ctx, filterOf(q), 1000)) out.push(...batch.map((r) => r.id));
  return out;
}

async function paged(q: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listConnections(ctx, filterOf(q), { limit, cursor });
    out.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("more than 100 pages");
}

// Free text, and filters whose share of matches the planner can misjudge: common, rare and none.
const SEARCHES = ["scoreMin=40&scoreMax=80", "scoreMin=100", "fit=strong", "seniority=vp", "messaged=no", "connectedTo=2011-12-31", "q=acme", "q=wilhelmina", "q=corpration", "q=sales+acme", "company=acme", "q=anna", "q=zzqx", `q=${encodeURIComponent('"head of"')}`];
const SORTS = ["", "sort=name", "sort=company", "sort=position", "sort=lastInteraction&dir=desc", "sort=score&dir=desc", "sort=name&dir=desc", "sort=connectedOn&dir=asc"];

describe("free text walks the page's order first", () => {
  it("gives exactly the full statement's pages for every search and sort", async () => {
    for (const s of SEARCHES) {
      for (const o of SORTS) {
        const q = [s, o, o.includes("score") || s.includes("score") || s.includes("fit") ? `icp=${icp}` : ""].filter(Boolean).join("&");
        const want = await allInOrder(q);
        expect(await paged(q, 20), q).toEqual(want);
      }
    }
  });

  it("answers a common word from the walk and falls back for a rare one", async () => {
    const run = (q: string, walk: boolean) =>
      withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(pageSql(filterOf(q), { teamId: ctx.teamId, icpId: null }, null, 20, walk ? "walk" : "plan")));
    const common = filterOf("q=acme&sort=name");
    expect(walksFirst(common, 20)).toBe(true);
    const walked = await run("q=acme&sort=name", true);
    expect(walked.length).toBe(21);
    expect(walked.map((r) => r.id)).toEqual((await run("q=acme&sort=name", false)).map((r) => r.id));
    // Wilhelmina is 7 of 600 people: the walk finds fewer than a page, so the full statement answers.
    // (The walk reads rows with a date only: the undated one comes from collecting.)
    expect((await run("q=wilhelmina", true)).length).toBe(6);
    expect(await paged("q=wilhelmina", 20)).toHaveLength(7);
    // Every order has an index now (seniority's since decision 0014); export-sized batches never walk.
    expect(walksFirst(filterOf("q=acme&sort=name&dir=desc"), 20)).toBe(true); // backwards along the index
    expect(walksFirst(filterOf("q=acme&sort=seniority"), 20)).toBe(true);
    expect(walksFirst(filterOf("connectedTo=2015-01-01"), 20)).toBe(false); // the index seeks to the bound
    expect(walksFirst(filterOf("q=acme"), 1000)).toBe(false);
    expect(walksFirst(filterOf("status=all"), 20)).toBe(false);
  });

  it("after a walk that found a word rare, collects it from its candidates (the trigram index), not every row", async () => {
    const scopeOf = (q: string) => ({ teamId: ctx.teamId, icpId: q.includes("icp=") ? icp : null });
    const collect = (q: string) => pageSql(filterOf(q), scopeOf(q), null, 20, "collect");
    const usesCandidates = (q: string) => collect(q).sql.includes("crm_connection_candidate_keys");
    // A term as written: the rows holding it are what the index returns.
    for (const q of ["q=zzqx", "q=tom+li", `q=${encodeURIComponent('"head of"')}`, "q=anna&sort=name", "q=tom&status=all"]) expect(usesCandidates(q), q).toBe(true);
    // A trigram word's halves are common whatever the word; "vp" has no trigram. And where another
    // condition made the walk fail, the word may be common: its candidates would be many.
    for (const q of ["q=corpration", "q=vp", "seniority=vp", "q=tom&seniority=vp", `q=tom&icp=${icp}&fit=strong`, "q=tom&status=removed", "q=tom&messaged=no"]) {
      expect(usesCandidates(q), q).toBe(false);
    }
    // The same rows either way (the full statement is the reference): none, a few (a phrase, 7
    // people), a common word, and the score sort (its own collect of the candidates).
    const few = `q=${encodeURIComponent('"wilhelmina person"')}`;
    for (const q of ["q=zzqx", few, "q=anna&sort=name&dir=desc", `q=${encodeURIComponent('"head of"')}&sort=company`, `q=tom&icp=${icp}&sort=score&dir=desc`]) {
      expect(usesCandidates(q), q).toBe(true);
      const planned = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(pageSql(filterOf(q), scopeOf(q), null, 5000, "plan")));
      const collected = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(collect(q)));
      expect(collected.map((r) => r.id), q).toEqual(planned.slice(0, 21).map((r) => r.id));
      if (q === few) expect(collected.length).toBe(7);
    }
  });

  it("goes to search's candidates first where they pay, and walks first where there are none", async () => {
    // A short typo word, two words and a company filter have candidates that pay: counted first,
    // no blind walk before them. A long word's trigram halves alone do not pay: it walks.
    expect(firstMode(filterOf("q=smoth"), 50)).toBe("collect");
    expect(firstMode(filterOf("q=acme+corp"), 50)).toBe("collect");
    expect(firstMode(filterOf("company=acme&sort=company"), 50)).toBe("collect");
    expect(firstMode(filterOf("q=corpration"), 50)).toBe("walk");
    expect(firstMode(filterOf("seniority=vp,director&sort=connectedOn&dir=desc"), 50)).toBe("walk");
    expect(firstMode(filterOf("connectedTo=2015-01-01"), 50)).toBe("plan");
    // Whichever comes first, the page is the same as the planner's.
    for (const q of ["q=corpration", "q=acme+corp&sort=name", "q=wilhelmina", "company=acme&sort=company", "q=smoth"]) {
      const planned = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>(pageSql(filterOf(q), { teamId: ctx.teamId, icpId: null }, null, 5000, "plan")));
      expect(await paged(q, 20), q).toEqual(planned.map((r) => r.id));
    }
  });
});
