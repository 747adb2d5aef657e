import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../filter/parse";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../../testing/setup";
import { addAccount, seedPeople } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";
import { buildWorld, expectedIds, type TWorld } from "./world.test-util";

let w: TWorld;
let empty: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  const [a, c] = await Promise.all([signUpUser("filtersA"), signUpUser("filtersNoIcp")]);
  w = await buildWorld(a.ctx);
  empty = c;
  await seedPeople(c.ctx, [{ first: "Solo", last: "Person", account: await addAccount(c.ctx, "Solo network"), company: "Acme" }]);
});
afterAll(stopTestEnv);

const filterOf = (qs: string) => {
  const { filter, errors } = parseFilter(qs);
  expect(errors).toEqual([]);
  return filter;
};
const ids = async (qs: string) => (await listConnections(w.ctx, filterOf(qs), { limit: 200 })).rows.map((r) => r.id);
const names = async (qs: string) => (await listConnections(w.ctx, filterOf(qs), { limit: 200 })).rows.map((r) => r.name).sort();

/** The page, in order, equals the oracle's, and the count agrees. */
async function matchesOracle(qs: string) {
  const filter = filterOf(qs);
  const expected = expectedIds(w, filter);
  expect(await ids(qs)).toEqual(expected);
  expect(await countConnections(w.ctx, filter)).toBe(expected.length);
  return expected;
}

describe("free text", () => {
  it("finds words anywhere in name, position and company, in any case", async () => {
    expect(await names("q=acme+corp")).toEqual(["Ana Smith"]);
    expect(await names("q=ACME")).toEqual(["Ana Smith", "Priya Patel"]);
    expect(await names("q=vp+sales")).toEqual(["Ana Smith"]);
    expect(await names("q=smith+acme+vp")).toEqual(["Ana Smith"]);
    expect(await names("q=patel+globex")).toEqual([]);
  });

  it("tolerates a typo in a longer word", async () => {
    expect(await names("q=acme+corpration")).toEqual(["Ana Smith"]); // missing letter
    expect(await names("q=corporatiun")).toEqual(["Ana Smith"]); // wrong letter
    expect(await names("q=acme+corporration")).toEqual(["Ana Smith"]); // extra letter
    expect(await names("q=enginer&status=all")).toEqual(["Tom Under", "Zoë Ørsted"]);
    expect(await names("q=geschaftsfuhrr")).toEqual(["Maria Müller"]);
  });

  it("ignores accents both ways", async () => {
    expect(await names("q=jose+garcia")).toEqual(["José García"]);
    expect(await names("q=GARCÍA")).toEqual(["José García"]);
    expect(await names("q=zoe+orsted")).toEqual(["Zoë Ørsted"]);
    expect(await names("q=muller")).toEqual(["Maria Müller"]);
    expect(await names("q=emile")).toEqual(["Zoë Ørsted", "Émile Dubois"].sort());
  });

  it("treats %, _ and backslash as plain characters, fullwidth ones too", async () => {
    expect(await names("q=100%25&status=all")).toEqual(["Li Wei"]);
    expect(await names("q=%25&status=all")).toEqual(["Li Wei"]);
    expect(await names("q=%EF%BC%85&status=all")).toEqual(["Li Wei"]); // ％ unaccents to %
    expect(await names("q=_&status=all")).toEqual(["Tom Under"]);
    expect(await names("q=%5C&status=all")).toEqual(["Tom Under"]);
  });

  it("survives injection attempts as plain text", async () => {
    for (const q of [`'; DROP TABLE "Connection"; --`, `" OR 1=1 --`, "$1", "a') OR ('1'='1", "😀 🚀"]) {
      expect(await ids(`q=${encodeURIComponent(q)}`)).toEqual([]);
    }
    expect(await countConnections(w.ctx, filterOf(""))).toBeGreaterThan(50);
  });
});

describe("company", () => {
  it("contains, accent- and case-blind, on the company only", async () => {
    expect(await names("company=acme")).toEqual(["Ana Smith", "Priya Patel"]);
    expect(await names("company=%C3%89MILE")).toEqual(["Zoë Ørsted"]);
    expect(await names("company=emile+%26+co")).toEqual(["Zoë Ørsted"]);
    expect(await names("company=smith")).toEqual([]);
    expect(await names("company=100%25&status=all")).toEqual(["Li Wei"]);
  });
});

describe("filters checked against the oracle", () => {
  it.each([
    ["default (connected only)", ""],
    ["every status", "status=all"],
    ["some statuses", "status=GONE,REMOVED"],
    ["one account", "account=ACC1"],
    ["tags, any", "tag=VIP,PROSPECT"],
    ["tags, all", "tag=VIP,PROSPECT&tagMode=all"],
    ["tags, none", "tag=VIP,PROSPECT&tagMode=none"],
    ["seniority", "seniority=vp,ic"],
    ["function", "function=sales,engineering"],
    ["connected in 2020", "connectedFrom=2020-01-01&connectedTo=2020-12-31"],
    ["connected since", "connectedFrom=2019-01-10"],
    ["connected by", "connectedTo=2016-06-06"],
    ["no message in 12 months", "inactiveMonths=12"],
    ["messaged in the last 6 months", "activeMonths=6"],
    ["last message 6 to 24 months ago", "inactiveMonths=6&activeMonths=24"],
    ["never messaged", "messaged=no"],
    ["messaged at least once", "messaged=yes"],
    ["endorsed me", "endorsed=yes"],
    ["not endorsed me", "endorsed=no"],
    ["recommended me", "recommended=yes&status=all"],
    ["changed job recently", "jobChanged=yes&status=all"],
    ["no recent job change", "jobChanged=no"],
    ["score range (first ICP by default)", "scoreMin=40&scoreMax=75"],
    ["score at least", "scoreMin=70"],
    ["fit", "fit=strong,none"],
    ["flags (any of)", "flag=stale,no_title"],
    ["another ICP", "icp=ICP2&scoreMin=90"],
    ["everything at once", "status=all&account=ACC1&tag=VIP&seniority=ic,vp&connectedFrom=2015-01-01&inactiveMonths=3&scoreMin=10&flag=stale,recruiter"],
  ])("%s", async (_, qs) => {
    const expected = await matchesOracle(qs.replace("ACC1", w.accounts.a1).replace("VIP", w.tags.vip).replace("PROSPECT", w.tags.prospect).replace("ICP2", w.icps.second));
    // Every case must select something and not everything, or it proves little.
    if (!qs.startsWith("status=all") && qs !== "") expect(expected.length).toBeGreaterThan(0);
  });

  it("those cases are not vacuous", async () => {
    const all = (await countConnections(w.ctx, filterOf("status=all")));
    for (const qs of ["tag=VIP&tagMode=all", "inactiveMonths=12", "activeMonths=6", "scoreMin=70", "fit=none", "endorsed=yes"]) {
      const n = await countConnections(w.ctx, filterOf(qs.replace("VIP", w.tags.vip)));
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(all);
    }
  });
});

describe("the rows", () => {
  it("carry the account, tags, the default ICP's score, fit and flags", async () => {
    const page = await listConnections(w.ctx, filterOf("q=ana+smith"));
    expect(page.icp).toEqual({ id: w.icps.first, name: "Sales leaders" });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({
      id: w.by.ana!.id,
      accountId: w.accounts.a1,
      accountLabel: "Alice network",
      firstName: "Ana",
      lastName: "Smith",
      name: "Ana Smith",
      company: "ACME Corporation",
      position: "VP Sales",
      seniority: "vp",
      function: "sales",
      connectedOn: "2020-03-01",
      lastInteractionAt: w.by.ana!.lastInteractionAt!.toISOString(),
      messageCount: 3,
      endorsedMe: true,
      endorsementCount: 2,
      recommendedMe: false,
      status: "CONNECTED",
      jobChangedAt: null,
      score: 90,
      fit: "strong",
      flags: [{ code: "job_change", label: "Job change" }],
    });
    // Tags in name order.
    expect(page.rows[0]!.tags.map((t) => t.name)).toEqual(["Prospect", "VIP"]);
  });

  it("show the chosen ICP's score, and nothing for unscored or unknown values", async () => {
    const page = await listConnections(w.ctx, filterOf(`icp=${w.icps.second}&q=garcia`));
    expect(page.icp?.name).toBe("Engineers");
    expect(page.rows[0]).toMatchObject({ score: 95, fit: "strong", flags: [{ code: "endorser", label: "Endorsed you (protected)" }] });
    const emile = (await listConnections(w.ctx, filterOf("q=dubois"))).rows[0]!;
    expect(emile).toMatchObject({ score: null, fit: null, flags: [], tags: [], company: null, seniority: null, connectedOn: null, lastInteractionAt: null });
  });
});

describe("bad requests", () => {
  it("an ICP that is not the team's is not found", async () => {
    for (const icp of ["nope", empty.team.id]) {
      expect((await rejectionOf(listConnections(w.ctx, filterOf(`icp=${icp}`)))).message).toMatch(/This ICP does not exist/);
      expect((await rejectionOf(countConnections(w.ctx, filterOf(`icp=${icp}`)))).code).toBe("NOT_FOUND");
    }
  });

  it("without any ICP, scores are empty and score filters and sorts are refused by name", async () => {
    const page = await listConnections(empty.ctx, filterOf(""));
    expect(page.icp).toBeNull();
    expect(page.rows.map((r) => [r.name, r.score, r.fit])).toEqual([["Solo Person", null, null]]);
    for (const [qs, param] of [
      ["sort=score", "sort"],
      ["scoreMin=1", "scoreMin"],
      ["scoreMax=99", "scoreMax"],
      ["fit=strong", "fit"],
      ["flag=stale", "flag"],
    ]) {
      const e = await rejectionOf(listConnections(empty.ctx, filterOf(qs!)));
      expect(e).toMatchObject({ code: "VALIDATION", details: { field: param } });
      expect((await rejectionOf(countConnections(empty.ctx, filterOf(qs!)))).code).toBe("VALIDATION");
    }
  });

  it("limits and cursors are checked", async () => {
    for (const limit of [0, 201, 1.5, -1]) expect(await rejectionOf(listConnections(w.ctx, filterOf(""), { limit }))).toMatchObject({ details: { field: "limit" } });
    expect(await rejectionOf(listConnections(w.ctx, filterOf(""), { cursor: "garbage!" }))).toMatchObject({ details: { field: "cursor" } });
    const byName = await listConnections(w.ctx, filterOf("sort=name"), { limit: 2 });
    expect(await rejectionOf(listConnections(w.ctx, filterOf("sort=company"), { cursor: byName.nextCursor! }))).toMatchObject({ details: { field: "cursor" } });
    expect((await listConnections(w.ctx, filterOf(""))).rows).toHaveLength(50);
  });
});
