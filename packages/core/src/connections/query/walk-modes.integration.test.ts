import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { SENIORITIES } from "@crm/scoring";
import { parseFilter } from "../filter/parse";
import { prefilterGroups, prefilterPays } from "../filter/prefilter";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import type { TConnectionFilter } from "../filter/types";
import { addAccount, addIcp, addTag, seedPeople, type TPerson } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";
import { encodeCursor } from "./cursor";
import { WALK_ROWS, type TPageMode } from "./page-ids";
import { fetchPage, pageSql } from "./rows";

// Review of issue 13 (decision 0014): the walk and collect statements must give exactly the plain
// statement's pages. More rows than WALK_ROWS (so the walk's prefix is really cut), 75% of them
// scored (the score walk reads scored rows only), blank names and companies, NULL dates, ties,
// every status, two accounts, tags; and cursors from anywhere in the list, NULL values included.

let ctx: TTeamContext;
let icp: string;
let emptyIcp: string;
let accountB: string;
const tags: string[] = [];
const N = WALK_ROWS + 700;

const FIRST = ["Anna", "Émile", "Emil", "Zoë", "tom", "Li", "  ", "", "Sofia", "anna"];
const LAST = ["Schmidt", "Müller", "", " ", "O'Brien", "Nguyen"];
const COMPANIES = ["Acme Corporation", "Globex Ltd", null, "ACME Corp", "Initech", "", "   ", "ab", "Acme Corporation"];
const POSITIONS = ["VP Sales", "Engineer", null, "Head of Sales", "", "Corporate Counsel", "Director", "manager"];

beforeAll(async () => {
  await startTestEnv();
  ctx = (await signUpUser("walkmodes")).ctx;
  const a = await addAccount(ctx, "A");
  accountB = await addAccount(ctx, "B");
  const people: TPerson[] = Array.from({ length: N }, (_, i) => ({
    first: i % 97 === 0 ? "Wilhelmina" : FIRST[i % FIRST.length]!,
    last: i % 50 === 0 ? " " : LAST[i % LAST.length]!,
    account: i % 4 === 0 ? accountB : a,
    company: COMPANIES[i % COMPANIES.length]!,
    position: POSITIONS[i % POSITIONS.length]!,
    seniority: i % 11 === 3 ? null : SENIORITIES[i % SENIORITIES.length]!,
    connectedOn: i % 11 === 0 ? null : `20${String(10 + (i % 14)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
    lastDays: i % 3 === 0 ? null : (i * 7) % 400,
    endorsed: i % 5 === 0,
    jobChanged: i % 13 === 0,
    status: i % 10 === 7 ? "REMOVED" : i % 10 === 8 ? "GONE" : i % 23 === 0 ? "REMOVAL_PENDING" : "CONNECTED",
  }));
  const seeded = await seedPeople(ctx, people);
  tags.push(await addTag(ctx, "T1", seeded.filter((_, i) => i % 3 === 0).map((p) => p.id)));
  tags.push(await addTag(ctx, "T2", seeded.filter((_, i) => i % 7 === 0).map((p) => p.id)));
  tags.push(await addTag(ctx, "T3", seeded.filter((_, i) => i % 211 === 0).map((p) => p.id)));
  // The first ICP (the default one): 3 of 4 rows scored, ties on purpose.
  icp = await addIcp(ctx, "Partial", seeded.filter((_, i) => i % 4 !== 1).map((p, i) => ({ connectionId: p.id, score: (i * 37) % 101 })), new Date("2026-01-01"));
  emptyIcp = await addIcp(ctx, "Unscored", [], new Date("2026-02-01"));
}, 120_000);
afterAll(stopTestEnv);

const filterOf = (q: string): TConnectionFilter => {
  const { filter, errors } = parseFilter(q.replace("T1", tags[0]!).replace("T2", tags[1]!).replace("T3", tags[2]!).replace("ICP0", emptyIcp).replace("ACCB", accountB));
  expect(errors, q).toEqual([]);
  return filter;
};

type TIdRow = { id: string; sortValue: string | null };

const FILTERS = [
  "q=acme", "q=wilhelmina", "q=corpration", "q=anna+schmidt", "q=a", "q=zzqx", "company=ab", "company=acme",
  "q=enginer", "q=mular", "q=anna+sales",
  "tag=T1", "tag=T1&tag=T2&tagMode=all", "tag=T1&tagMode=none", "tag=T3",
  "seniority=vp&seniority=manager", "endorsed=yes", "jobChanged=yes", "messaged=no", "inactiveMonths=6", "activeMonths=3",
  "connectedFrom=2015-01-01&connectedTo=2018-12-31",
  "status=all&q=acme", "status=all&endorsed=yes", "status=REMOVED&endorsed=yes", "status=GONE&status=REMOVED&q=anna",
  "account=ACCB&q=acme", "account=ACCB&endorsed=no",
  "scoreMin=40", "scoreMax=10", "fit=strong", "scoreMin=0", "scoreMin=50&icp=ICP0", "icp=ICP0&q=acme",
];
const SORTS = ["name", "company", "position", "seniority", "connectedOn", "lastInteraction", "score"];

async function ids(tx: Parameters<Parameters<typeof withTeamRaw>[1]>[0], f: TConnectionFilter, icpId: string, after: TIdRow | null, limit: number, mode: TPageMode) {
  const rows = await tx.$queryRaw<TIdRow[]>(pageSql(f, { teamId: ctx.teamId, icpId }, after && { value: after.sortValue, id: after.id }, limit, mode));
  return rows.map((r) => r.id);
}

describe("walk and collect against the plain statement (review)", () => {
  it("gives the same page for every filter, sort, direction and cursor position", async () => {
    const failures: string[] = [];
    let walkedFull = 0;
    for (const fq of FILTERS) {
      for (const sort of SORTS) {
        for (const dir of ["asc", "desc"]) {
          const q = `${fq}&sort=${sort}&dir=${dir}`;
          const f = filterOf(q);
          const icpId = f.icp ?? icp;
          await withTeamRaw(ctx.teamId, async (tx) => {
            const ref = await tx.$queryRaw<TIdRow[]>(pageSql(f, { teamId: ctx.teamId, icpId }, null, N + 10, "plan"));
            const firstNull = ref.findIndex((r) => r.sortValue === null);
            const positions = new Set([-1, 20, Math.floor(ref.length / 2), ref.length - 22, firstNull - 1, firstNull]);
            for (const p of [...positions].filter((p) => p >= -1 && p < ref.length)) {
              const after = p < 0 ? null : ref[p]!;
              const want = ref.slice(p + 1, p + 1 + 21).map((r) => r.id);
              const where = `${q} after #${p} (${after?.sortValue ?? "start"})`;
              const collect = await ids(tx, f, icpId, after, 20, "collect");
              if (JSON.stringify(collect) !== JSON.stringify(want)) failures.push(`collect ${where}`);
              // The walk to the end among the candidates (what collect does past DEEP_FROM of them);
              // without candidates it is the collect statement again.
              if (prefilterPays(prefilterGroups(f))) {
                const deep = await ids(tx, f, icpId, after, 20, "deep");
                if (JSON.stringify(deep) !== JSON.stringify(want)) failures.push(`deep ${where}`);
              }
              const walk = await ids(tx, f, icpId, after, 20, "walk");
              if (JSON.stringify(walk) !== JSON.stringify(want.slice(0, walk.length))) failures.push(`walk ${where}: not a prefix`);
              if (walk.length > 20) walkedFull++;
              const page = await fetchPage(tx, f, { teamId: ctx.teamId, icpId }, after && { value: after.sortValue, id: after.id }, 20);
              if (JSON.stringify(page.rows.map((r) => r.id)) !== JSON.stringify(want.slice(0, 20))) failures.push(`fetchPage ${where}`);
              if ((page.next !== null) !== (want.length > 20)) failures.push(`fetchPage next ${where}`);
            }
          });
        }
      }
    }
    expect(failures).toEqual([]);
    expect(walkedFull).toBeGreaterThan(100);
  }, 600_000);

  it("pages through listConnections cursors to the same list, and counts the same rows", async () => {
    for (const q of ["q=acme&sort=score&dir=desc", "scoreMin=95&sort=score&dir=desc", "tag=T1&tag=T2&tagMode=all&sort=name", "q=a&sort=company", "messaged=no&sort=lastInteraction&dir=desc"]) {
      const f = filterOf(q);
      const ref = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<TIdRow[]>(pageSql(f, { teamId: ctx.teamId, icpId: icp }, null, N + 10, "plan")));
      const got: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 200; i++) {
        const page = await listConnections(ctx, f, { limit: 50, cursor });
        got.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(got, q).toEqual(ref.map((r) => r.id));
      expect(await countConnections(ctx, f), q).toBe(ref.length);
    }
  }, 300_000);

  it("accepts a hand-made cursor whose value is NULL on a walked order", async () => {
    const f = filterOf("q=acme&sort=score&dir=desc");
    const ref = await withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<TIdRow[]>(pageSql(f, { teamId: ctx.teamId, icpId: icp }, null, N + 10, "plan")));
    const k = ref.findIndex((r) => r.sortValue === null);
    expect(k).toBeGreaterThan(0);
    const page = await listConnections(ctx, f, { limit: 20, cursor: encodeCursor("score", "desc", { value: null, id: ref[k]!.id }) });
    expect(page.rows.map((r) => r.id)).toEqual(ref.slice(k + 1, k + 21).map((r) => r.id));
  }, 60_000);
});
