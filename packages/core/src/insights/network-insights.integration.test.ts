import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { saveIcp } from "../icps/icps";
import { refreshScores } from "../icps/refresh";
import { rescoreIcp } from "../icps/rescore";
import { addAccount, importBytes, importWholeNetwork } from "../imports/import-helpers.test-util";
import { generateConnectionsCsv } from "../testing/generate-export";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getNetworkInsights, type TNetworkInsights } from "./network-insights";

// Every figure is recomputed here from the connection rows themselves (plain loops, no SQL), so
// the service's GROUP BYs are checked against an independent reading of the same data.

let a: TSignedUpUser;
let b: TSignedUpUser;
let archived: string; // account 1: a ZIP with messages, endorsements and a recommendation
let plain: string; // account 2: Connections.csv twice, the second time 20 people fewer
const now = new Date();
const DAY = 86_400_000;

const slugsOf = (csv: string) =>
  csv.split("\n").flatMap((l) => /linkedin\.com\/in\/([^,/]+)/.exec(l)?.[1] ?? []);
const msgDate = (d: Date) => d.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");

// Extra people: the same company spelled three ways, unknown dates, no company, old years with a
// gap (2016–2017) before the generated 2026 ones, and one recommender with a unique name.
const EXTRA = [
  "Xavi,Variant,https://www.linkedin.com/in/xavi-variant,,ACME  corporation,VP Sales,03 Mar 2015",
  "Yara,Variant,https://www.linkedin.com/in/yara-variant,, acme Corporation ,Head of Marketing,04 Apr 2015",
  "Zoe,Nodate,https://www.linkedin.com/in/zoe-nodate,,Globex,Software Engineer,",
  "Zack,Nodate,https://www.linkedin.com/in/zack-nodate,,,Recruiter,",
  "Nina,Nocompany,https://www.linkedin.com/in/nina-nocompany,,,Founder,09 Sep 2018",
  "Rhea,Recommender,https://www.linkedin.com/in/rhea-recommender,,Hooli,Account Executive,10 Oct 2018",
];

async function seed() {
  archived = await addAccount(a.ctx, "Archive");
  const csv = generateConnectionsCsv({ rows: 240, seed: 7 }) + "\n" + EXTRA.join("\n");
  const slugs = slugsOf(csv);
  // 10 people messaged 20 days ago, 10 about 200 days ago, 5 about 800 days ago; the rest never.
  const ago = (i: number) => (i < 10 ? 20 : i < 20 ? 200 : 800);
  const messages = [
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT",
    ...slugs.slice(0, 25).map((s, i) =>
      `"c${i}","","Some One","https://www.linkedin.com/in/${s}","Me Myself","https://www.linkedin.com/in/me-myself","${msgDate(new Date(now.getTime() - ago(i) * DAY))}","","Hi","INBOX","","No"`),
  ].join("\n");
  const endorsements = [
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status",
    ...slugs.slice(30, 35).map((s) => `2024/01/02 10:00:00 UTC,Sales,Some,One,www.linkedin.com/in/${s},ACCEPTED`),
  ].join("\n");
  const recommendations = ["First Name,Last Name,Company,Job Title,Text,Creation Date,Status", 'Rhea,Recommender,Hooli,AE,"Great",01/05/24 10:00 AM,VISIBLE'].join("\n");
  const dir = "Basic_LinkedInDataExport_11-20-2026";
  const zip = await buildZip([
    { path: `${dir}/Connections.csv`, data: csv },
    { path: `${dir}/messages.csv`, data: messages },
    { path: `${dir}/Endorsement_Received_Info.csv`, data: endorsements },
    { path: `${dir}/Recommendations_Received.csv`, data: recommendations },
  ]);
  expect((await importBytes(a.ctx, archived, zip, `${dir}.zip`)).status).toBe("COMPLETED");

  plain = await addAccount(a.ctx, "Plain");
  await importBytes(a.ctx, plain, generateConnectionsCsv({ rows: 120, seed: 9 }));
  expect((await importWholeNetwork(a.ctx, plain, generateConnectionsCsv({ rows: 100, seed: 9 }))).status).toBe("COMPLETED");
}

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("insightsA"), signUpUser("insightsB")]);
  await seed();
}, 60_000);
afterAll(stopTestEnv);

/** The connections the page should count, with their scores for `icpId`, read row by row. */
async function rowsOf(accountIds: string[], icpId?: string) {
  return withTeam(a.team.id, (tx) =>
    tx.connection.findMany({
      where: { accountId: { in: accountIds }, status: "CONNECTED" },
      select: { company: true, connectedOn: true, seniority: true, function: true, lastInteractionAt: true, endorsedMe: true, recommendedMe: true, scores: { where: { icpId: icpId ?? "-" }, select: { score: true, band: true } } },
    }),
  );
}
type TRow = Awaited<ReturnType<typeof rowsOf>>[number];

const countBy = <T>(xs: T[], key: (x: T) => string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
};
const nonZero = (cats: Array<{ key: string; count: number }>) => Object.fromEntries(cats.filter((c) => c.count > 0).map((c) => [c.key, c.count]));

function expectFiguresOf(got: TNetworkInsights, rows: TRow[]) {
  const n = rows.length;
  expect(got.totals.connections).toBe(n);
  expect(got.totals.endorsedMe).toBe(rows.filter((r) => r.endorsedMe).length);
  expect(got.totals.recommendedMe).toBe(rows.filter((r) => r.recommendedMe).length);

  const dated = rows.filter((r) => r.connectedOn);
  const perYear = countBy(dated, (r) => String(r.connectedOn!.getUTCFullYear()));
  const years = Object.keys(perYear).map(Number);
  const span = years.length ? Math.max(...years) - Math.min(...years) + 1 : 0;
  expect(got.connectedPerYear.years).toHaveLength(span);
  for (const y of got.connectedPerYear.years) expect([y.year, y.count]).toEqual([y.year, perYear[y.year] ?? 0]);
  expect(got.connectedPerYear.unknownDate).toBe(n - dated.length);

  expect(nonZero(got.seniority)).toEqual(countBy(rows, (r) => r.seniority ?? "unclassified"));
  expect(nonZero(got.functions)).toEqual(countBy(rows, (r) => r.function ?? "unclassified"));

  const named = rows.filter((r) => r.company?.trim());
  const groups = new Map<string, Record<string, number>>();
  for (const r of named) {
    const spelling = r.company!.trim().replace(/\s+/g, " ");
    const g = groups.get(spelling.toLowerCase()) ?? {};
    g[spelling] = (g[spelling] ?? 0) + 1;
    groups.set(spelling.toLowerCase(), g);
  }
  const companies = [...groups.values()]
    .map((g) => {
      const [name] = Object.entries(g).sort(([x, i], [y, j]) => j - i || (x < y ? -1 : 1))[0]!;
      return { name, count: Object.values(g).reduce((s, v) => s + v, 0) };
    })
    .sort((x, y) => y.count - x.count || (x.name < y.name ? -1 : 1));
  expect(got.topCompanies).toEqual({ companies: companies.slice(0, 15), distinct: companies.length, withoutCompany: n - named.length });

  const cut3 = new Date(now);
  cut3.setUTCMonth(cut3.getUTCMonth() - 3);
  const cut12 = new Date(now);
  cut12.setUTCFullYear(cut12.getUTCFullYear() - 1);
  const at = (r: TRow) => r.lastInteractionAt?.getTime();
  const never = rows.filter((r) => !r.lastInteractionAt).length;
  const over12 = rows.filter((r) => at(r)! < cut12.getTime()).length;
  expect(got.activity).toMatchObject({
    within3Months: rows.filter((r) => at(r)! >= cut3.getTime()).length,
    from3To12Months: rows.filter((r) => at(r)! < cut3.getTime() && at(r)! >= cut12.getTime()).length,
    over12Months: over12,
    never,
    inactive: over12 + never,
  });
  expect(got.activity.inactiveShare).toBeCloseTo(n ? (over12 + never) / n : 0, 10);
}

describe("network insights", () => {
  it("counts every chart's figures from the rows, over all of the team's accounts", async () => {
    const got = await getNetworkInsights(a.ctx, { now });
    expectFiguresOf(got, await rowsOf([archived, plain]));
    // And what the seeded data says outright, so the comparison above cannot pass on empty data.
    expect(got.totals).toEqual({ connections: 246 + 100, accounts: 2, endorsedMe: 5, recommendedMe: 1 });
    expect(got.accounts.map((x) => x.label)).toEqual(["Archive", "Plain"]);
    expect(got.selectedAccountIds).toBeNull();
    expect(got.connectedPerYear.years.slice(0, 4)).toEqual([{ year: 2015, count: 2 }, { year: 2016, count: 0 }, { year: 2017, count: 0 }, { year: 2018, count: 2 }]);
    expect(got.connectedPerYear.unknownDate).toBe(2);
    expect(got.topCompanies.companies.find((c) => /acme/i.test(c.name))?.name).toBe("Acme Corporation");
    expect(got.topCompanies.companies.filter((c) => /acme/i.test(c.name))).toHaveLength(1);
    expect(got.topCompanies.withoutCompany).toBe(2);
    expect(got.activity).toMatchObject({ within3Months: 10, from3To12Months: 10, over12Months: 5, never: 346 - 25 });
    expect(got.seniority.map((s) => [s.key, s.count]).at(-1)).toEqual(["unclassified", 346]);
    expect(got.icps).toEqual([]);
    expect(got.fit).toBeNull();
  });

  it("honours the account switcher: one account, both, and people gone from the network do not count", async () => {
    const one = await getNetworkInsights(a.ctx, { accountIds: [plain], now });
    expectFiguresOf(one, await rowsOf([plain]));
    expect([one.totals.connections, one.totals.accounts, one.selectedAccountIds]).toEqual([100, 1, [plain]]);
    expect(one.activity.never).toBe(100);

    const archive = await getNetworkInsights(a.ctx, { accountIds: [archived, archived], now });
    expectFiguresOf(archive, await rowsOf([archived]));
    expect(archive.totals).toMatchObject({ connections: 246, accounts: 1 });

    const both = await getNetworkInsights(a.ctx, { accountIds: [plain, archived], now });
    const all = await getNetworkInsights(a.ctx, { now });
    expect({ ...both, selectedAccountIds: null }).toEqual(all);
  });

  it("shows fit against the first ICP by default, or the chosen one, after a rescore", async () => {
    const def = (over: Partial<TIcpDefinition>): TIcpDefinition => ({ ...emptyIcpDefinition(), ...over });
    const sales = await saveIcp(a.ctx, { name: "Sales leaders", definition: def({ titleKeywords: { values: ["VP Sales"], weight: "important" } }) });
    const eng = await saveIcp(a.ctx, { name: "Engineers", definition: def({ functions: { values: ["engineering"], weight: "important" } }) });

    const before = await getNetworkInsights(a.ctx, { now });
    expect(before.icps.map((i) => i.name)).toEqual(["Sales leaders", "Engineers"]);
    expect(before.fit).toMatchObject({ icpId: sales.id, rescoring: true, strong: 0, partial: 0, none: 0, unscored: 346 });

    expect((await refreshScores(a.team.id)).classified).toBeGreaterThan(0);
    await rescoreIcp(a.team.id, sales.id, { version: sales.version });
    await rescoreIcp(a.team.id, eng.id, { version: eng.version });

    for (const [icpId, accountIds] of [[sales.id, [archived, plain]], [eng.id, [archived, plain]], [eng.id, [plain]]] as const) {
      const got = await getNetworkInsights(a.ctx, { icpId, accountIds: [...accountIds], now });
      const rows = await rowsOf([...accountIds], icpId);
      expectFiguresOf(got, rows); // the classified seniorities and functions too
      const scored = rows.flatMap((r) => r.scores);
      const bands = countBy(scored, (s) => s.band);
      const buckets = countBy(scored, (s) => String(Math.min(Math.floor(s.score / 10), 9)));
      expect(got.fit).toMatchObject({ icpId, rescoring: false, strong: bands.strong ?? 0, partial: bands.partial ?? 0, none: bands.none ?? 0, unscored: rows.length - scored.length });
      expect(got.fit!.histogram.map((h) => h.count)).toEqual(Array.from({ length: 10 }, (_, i) => buckets[i] ?? 0));
      expect(got.fit!.histogram.reduce((s, h) => s + h.count, 0)).toBe(scored.length);
    }
    const salesFit = (await getNetworkInsights(a.ctx, { now })).fit!;
    expect(salesFit.icpName).toBe("Sales leaders");
    expect(salesFit.strong + salesFit.partial).toBeGreaterThan(0);
    expect(salesFit.unscored).toBe(0);
    expect((await getNetworkInsights(a.ctx, { icpId: eng.id, now })).fit!.histogram.at(-1)!.count).toBeGreaterThan(0);
  });

  it("an empty team gets zeros and no ICP", async () => {
    const got = await getNetworkInsights(b.ctx, { now });
    expect(got.totals).toEqual({ connections: 0, accounts: 0, endorsedMe: 0, recommendedMe: 0 });
    expect(got.connectedPerYear).toEqual({ years: [], unknownDate: 0 });
    expect(got.topCompanies).toEqual({ companies: [], distinct: 0, withoutCompany: 0 });
    expect(got.activity).toMatchObject({ inactive: 0, inactiveShare: 0 });
    expect([got.accounts, got.icps, got.fit]).toEqual([[], [], null]);
  });
});

describe("network insights across teams", () => {
  it("another team's accounts and ICPs are not found, alone or mixed with one's own", async () => {
    const [aIcp] = (await getNetworkInsights(a.ctx, { now })).icps;
    const own = await addAccount(b.ctx, "B's own");
    expect((await rejectionOf(getNetworkInsights(b.ctx, { accountIds: [archived] }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(getNetworkInsights(b.ctx, { accountIds: [own, plain] }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(getNetworkInsights(b.ctx, { icpId: aIcp!.id }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(getNetworkInsights(a.ctx, { accountIds: ["no-such-account"] }))).code).toBe("NOT_FOUND");
    const mine = await getNetworkInsights(b.ctx, { accountIds: [own] });
    expect([mine.totals.connections, mine.accounts.map((x) => x.id)]).toEqual([0, [own]]);
    // Team A's figures are untouched by B's questions.
    expect((await getNetworkInsights(a.ctx, { now })).totals.connections).toBe(346);
  });
});
