import type { TTeamContext } from "../../teams/membership";
import type { TConnectionFilter, TSortDir, TSortKey } from "../filter/types";
import { addAccount, addIcp, addTag, bandOf, seedPeople, type TPerson, type TSeeded } from "./fixtures.test-util";

// One team's network for the query tests: ten people written for the filters (accents, nulls,
// LIKE metacharacters, ties), sixty-six fillers with repeating values (ties everywhere, missing
// values), three tags, two ICPs. `expectedIds` is a plain-JavaScript oracle for every filter but
// free text, and for every non-text sort.

export type TWorld = {
  ctx: TTeamContext;
  people: TSeeded[];
  by: Record<string, TSeeded>;
  accounts: { a1: string; a2: string };
  tags: { vip: string; prospect: string; cold: string };
  tagsOf: Map<string, Set<string>>;
  icps: { first: string; second: string };
  scores: { first: Map<string, { score: number; flags: string[] }>; second: Map<string, { score: number; flags: string[] }> };
};

const cycle = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

export async function buildWorld(ctx: TTeamContext): Promise<TWorld> {
  const a1 = await addAccount(ctx, "Alice network");
  const a2 = await addAccount(ctx, "Bob network");
  const crafted: Array<TPerson & { key: string }> = [
    { key: "ana", first: "Ana", last: "Smith", account: a1, company: "ACME Corporation", position: "VP Sales", seniority: "vp", function: "sales", connectedOn: "2020-03-01", lastDays: 60, endorsed: true },
    { key: "jose", first: "José", last: "García", account: a1, company: "Globex", position: "Directeur commercial", seniority: "director", function: "sales", connectedOn: "2021-06-15", lastDays: 400 },
    { key: "zoe", first: "Zoë", last: "Ørsted", account: a2, company: "Émile & Co", position: "Software Engineer", seniority: "ic", function: "engineering", connectedOn: "2019-01-10", recommended: true },
    { key: "emil", first: "emil", last: "Brown", account: a2, company: "Initech", position: "Senior Product Manager", seniority: "senior_ic", function: "product", connectedOn: "2020-03-01", lastDays: 900 },
    { key: "emile", first: "Émile", last: "Dubois", account: a1 },
    { key: "li", first: "Li", last: "Wei", account: a1, company: "100% Growth", position: "Head of Marketing", seniority: "head", function: "marketing", connectedOn: "2023-11-30", lastDays: 30, status: "GONE" },
    { key: "tom", first: "Tom", last: "Under", account: a2, company: "under_score Inc", position: "Engineer \\ Ops", seniority: "ic", function: "engineering", connectedOn: "2022-02-02", status: "REMOVED" },
    { key: "kwame", first: "Kwame", last: "Mensah", account: a2, company: "Hooli", position: "Recruiter", seniority: "ic", function: "hr_recruiting", connectedOn: "2018-05-05", status: "REMOVAL_PENDING", jobChanged: true },
    { key: "maria", first: "Maria", last: "Müller", account: a1, company: "Stark Industries", position: "Geschäftsführer", seniority: "c_level", function: "other", connectedOn: "2017-07-07", lastDays: 150 },
    { key: "priya", first: "Priya", last: "Patel", account: a1, company: "ACME Labs", position: "Account Executive", seniority: "ic", function: "sales", connectedOn: "2020-03-01", endorsed: true },
  ];
  const fillers: TPerson[] = Array.from({ length: 66 }, (_, i) => ({
    first: "Filler",
    last: `F${String(i).padStart(2, "0")}`,
    account: i % 2 ? a2 : a1,
    company: cycle(["Globex", "Initech", null, "Hooli"], i),
    position: cycle(["Analyst", "Buyer", null, "Clerk"], i),
    seniority: cycle([null, "ic", "manager", "vp", "unknown"] as const, i),
    function: cycle(["sales", "engineering", null, "finance"] as const, i),
    connectedOn: cycle(["2015-05-05", "2016-06-06", null, "2015-05-05", "2020-03-01"], i),
    lastDays: cycle([null, 10, 100, 200, 400, 800, 2000], i),
    endorsed: i % 9 === 0,
    recommended: i % 13 === 0,
    status: i % 11 === 0 ? "GONE" : i % 17 === 0 ? "REMOVED" : "CONNECTED",
  }));
  const people = await seedPeople(ctx, [...crafted, ...fillers]);
  const by = Object.fromEntries(crafted.map((c, i) => [c.key, people[i]!]));
  const fillerIds = people.slice(crafted.length).map((p) => p.id);

  const pick = (pred: (i: number) => boolean) => fillerIds.filter((_, i) => pred(i));
  const tagIds = {
    vip: [by.ana!.id, by.jose!.id, ...pick((i) => i % 4 === 0)],
    prospect: [by.ana!.id, by.zoe!.id, ...pick((i) => i % 5 === 0)],
    cold: [by.maria!.id, ...pick((i) => i % 7 === 0)],
  };
  const tags = { vip: await addTag(ctx, "VIP", tagIds.vip), prospect: await addTag(ctx, "Prospect", tagIds.prospect), cold: await addTag(ctx, "Cold", tagIds.cold) };
  const tagsOf = new Map<string, Set<string>>();
  for (const [name, ids] of Object.entries(tagIds)) for (const id of ids) tagsOf.set(id, (tagsOf.get(id) ?? new Set()).add(tags[name as keyof typeof tags]));

  const first = [
    { connectionId: by.ana!.id, score: 90, flags: ["job_change"] },
    { connectionId: by.jose!.id, score: 55, flags: ["stale"] },
    { connectionId: by.zoe!.id, score: 20, flags: ["no_title"] },
    { connectionId: by.maria!.id, score: 75, flags: ["recruiter"] },
    { connectionId: by.priya!.id, score: 40, flags: [] },
    { connectionId: by.emil!.id, score: 39, flags: ["stale", "recruiter"] },
    ...fillerIds.flatMap((id, i) => (i % 3 === 0 ? [] : [{ connectionId: id, score: cycle([10, 40, 40, 70, 95, 40], i), flags: cycle([["stale"], ["recruiter"], []], i) }])),
  ];
  const second = [
    { connectionId: by.ana!.id, score: 10, flags: [] },
    { connectionId: by.jose!.id, score: 95, flags: ["endorser"] },
  ];
  const icps = {
    first: await addIcp(ctx, "Sales leaders", first, new Date("2026-01-01T00:00:00Z")),
    second: await addIcp(ctx, "Engineers", second, new Date("2026-02-01T00:00:00Z")),
  };
  const asMap = (rows: typeof first) => new Map(rows.map((r) => [r.connectionId, { score: r.score, flags: r.flags }]));
  return { ctx, people, by, accounts: { a1, a2 }, tags, tagsOf, icps, scores: { first: asMap(first), second: asMap(second) } };
}

const RANK: Record<string, number> = { owner: 9, c_level: 8, vp: 7, director: 6, head: 5, manager: 4, senior_ic: 3, ic: 2, intern_student: 1 };

function monthsAgo(n: number): number {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.getTime();
}

/** What the query service must return for `f` (no free text), in order. */
export function expectedIds(w: TWorld, f: TConnectionFilter): string[] {
  const scores = f.icp === w.icps.second ? w.scores.second : w.scores.first;
  const rows = w.people.filter((p) => {
    const s = scores.get(p.id);
    const tags = w.tagsOf.get(p.id) ?? new Set<string>();
    const last = p.lastInteractionAt?.getTime() ?? null;
    return (
      f.status.includes(p.status ?? "CONNECTED") &&
      (!f.accounts || f.accounts.includes(p.account)) &&
      (!f.tags ||
        (f.tagMode === "any" ? f.tags.some((t) => tags.has(t)) : f.tagMode === "all" ? f.tags.every((t) => tags.has(t)) : !f.tags.some((t) => tags.has(t)))) &&
      (!f.seniority || (p.seniority != null && f.seniority.includes(p.seniority))) &&
      (!f.function || (p.function != null && f.function.includes(p.function))) &&
      (!f.connectedFrom || (p.connectedOn != null && p.connectedOn >= f.connectedFrom)) &&
      (!f.connectedTo || (p.connectedOn != null && p.connectedOn <= f.connectedTo)) &&
      (f.inactiveMonths === undefined || last === null || last < monthsAgo(f.inactiveMonths)) &&
      (f.activeMonths === undefined || (last !== null && last >= monthsAgo(f.activeMonths))) &&
      (f.messaged === undefined || (last !== null) === f.messaged) &&
      (f.endorsed === undefined || !!p.endorsed === f.endorsed) &&
      (f.recommended === undefined || !!p.recommended === f.recommended) &&
      (f.jobChanged === undefined || !!p.jobChanged === f.jobChanged) &&
      (f.scoreMin === undefined || (s !== undefined && s.score >= f.scoreMin)) &&
      (f.scoreMax === undefined || (s !== undefined && s.score <= f.scoreMax)) &&
      (!f.fit || (s !== undefined && f.fit.includes(bandOf(s.score) as "strong"))) &&
      (!f.flags || (s !== undefined && s.flags.some((x) => f.flags!.includes(x))))
    );
  });
  const key = sortKey(f.sort, scores);
  return rows.sort((a, b) => compare(key(a), key(b), a.id, b.id, f.dir)).map((p) => p.id);
}

function sortKey(sort: TSortKey, scores: TWorld["scores"]["first"]): (p: TSeeded) => number | string | null {
  switch (sort) {
    case "connectedOn":
      return (p) => p.connectedOn ?? null;
    case "lastInteraction":
      return (p) => p.lastInteractionAt?.getTime() ?? null;
    case "score":
      return (p) => scores.get(p.id)?.score ?? null;
    case "seniority":
      return (p) => (p.seniority ? (RANK[p.seniority] ?? null) : null);
    default:
      throw new Error(`no oracle for text sort ${sort}`);
  }
}

function compare(a: number | string | null, b: number | string | null, idA: string, idB: string, dir: TSortDir): number {
  const sign = dir === "asc" ? 1 : -1;
  if (a === null && b !== null) return 1;
  if (b === null && a !== null) return -1;
  if (a !== null && b !== null && a !== b) return (a < b ? -1 : 1) * sign;
  return (idA < idB ? -1 : 1) * sign;
}
