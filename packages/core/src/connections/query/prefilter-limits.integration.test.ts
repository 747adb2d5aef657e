import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../filter/parse";
import { prefilterGroups, prefilterPays } from "../filter/prefilter";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";

// Security review (issue 13). What reaches crm_connection_candidates is the search *after
// folding*, and folding lengthens text: unaccent turns "㎈" into "cal" (SQL fold), NFKD turns "ﷺ"
// into 18 characters (the JavaScript fold behind the halves). A search the filter accepts (≤ 200
// characters) must answer, not fail: needles over 400 characters are cut (by prefilter.ts and by
// the function), which only widens the candidates.

let ctx: TTeamContext;

beforeAll(async () => {
  await startTestEnv();
  ctx = (await signUpUser("prefilter-limits")).ctx;
  const account = await addAccount(ctx, "Net");
  // A connection whose company is exactly what the user then searches for.
  await seedPeople(ctx, [
    { first: "Anna", last: "Schmidt", company: "㎈".repeat(150), account },
    { first: "Tom", last: "Baker", company: "ACME", account },
  ]);
});
afterAll(async () => {
  await stopTestEnv();
});

const SEARCHES: Array<[string, string]> = [
  ["company of 150 × ㎈", `company=${encodeURIComponent("㎈".repeat(150))}`],
  ["phrase of 150 × ㎈ and a word", `q=${encodeURIComponent(`"${"㎈".repeat(150)}" anna`)}`],
];

describe("a search within the filter's limits", () => {
  it.each(SEARCHES)("%s finds the connection instead of failing", async (_label, query) => {
    const { filter, errors } = parseFilter(query);
    expect(errors).toEqual([]);
    expect(prefilterPays(prefilterGroups(filter))).toBe(true);
    await expect(listConnections(ctx, filter, { limit: 50 }).then((p) => p.rows.map((r) => r.name))).resolves.toEqual(["Anna Schmidt"]);
    await expect(countConnections(ctx, filter)).resolves.toBe(1);
  });

  it("never hands the function a substring it refuses (the JavaScript fold lengthens too)", () => {
    const { filter, errors } = parseFilter(`q=${encodeURIComponent(`${"ﷺ".repeat(50)} anna`)}`);
    expect(errors).toEqual([]);
    const groups = prefilterGroups(filter);
    expect(prefilterPays(groups)).toBe(true);
    const longest = Math.max(...groups.flatMap((g) => g.needles.map((n) => ("literal" in n ? Array.from(n.literal).length : 0))));
    expect(longest).toBeLessThanOrEqual(400);
  });
});
