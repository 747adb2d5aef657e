import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../filter/parse";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";

// Issue 16.12: free text the way people type names: quotes, transliterated umlauts, apostrophes
// and hyphens left out, typos in short words, and more words than the search takes.

let ctx: TTeamContext;

beforeAll(async () => {
  await startTestEnv();
  const u = await signUpUser("search");
  ctx = u.ctx;
  const account = await addAccount(ctx, "Search network");
  await seedPeople(ctx, [
    { first: "Maria", last: "Müller", account, company: "Stark Industries", position: "Geschäftsführer" },
    { first: "Sean", last: "O'Brien", account, company: "Acme Corp", position: "Head of Sales" },
    { first: "Siobhan", last: "O’Neill", account, company: "Globex", position: "Engineer" },
    { first: "Jean-Pierre", last: "Dupont", account, company: "Société Générale", position: "Directeur" },
    { first: "Ana", last: "Smith", account, company: "Initech", position: "VP Sales" },
    { first: "Jörg", last: "Straße", account, company: "Hooli", position: "Sales Manager" },
    { first: "Tom", last: "Baker", account, company: "Umbrella", position: "Analyst" },
  ]);
});
afterAll(stopTestEnv);

const names = async (q: string) => {
  const { filter, errors } = parseFilter(`q=${encodeURIComponent(q)}`);
  expect(errors, q).toEqual([]);
  return (await listConnections(ctx, filter, { limit: 200 })).rows.map((r) => r.name).sort();
};

describe("names as people type them", () => {
  it("reads quotes as a phrase, not as characters to find", async () => {
    expect(await names(`"Müller"`)).toEqual(["Maria Müller"]);
    expect(await names(`„Müller“`)).toEqual(["Maria Müller"]);
    expect(await names(`"vp sales"`)).toEqual(["Ana Smith"]);
    expect(await names(`"sales vp"`)).toEqual([]);
    expect(await names(`"sales" smith`)).toEqual(["Ana Smith"]);
    expect(await names(`"head of sales`)).toEqual(["Sean O'Brien"]); // unclosed: to the end
  });

  it("matches German transliterations both ways", async () => {
    expect(await names("mueller")).toEqual(["Maria Müller"]);
    expect(await names("MUELLER")).toEqual(["Maria Müller"]);
    expect(await names("muller")).toEqual(["Maria Müller"]);
    expect(await names("geschaeftsfuehrer")).toEqual(["Maria Müller"]);
    expect(await names("joerg strasse")).toEqual(["Jörg Straße"]);
    expect(await names("jorg straße")).toEqual(["Jörg Straße"]);
  });

  it("ignores apostrophes and hyphens", async () => {
    expect(await names("obrien")).toEqual(["Sean O'Brien"]);
    expect(await names("o'brien")).toEqual(["Sean O'Brien"]);
    expect(await names("O’Brien")).toEqual(["Sean O'Brien"]);
    expect(await names("oneill")).toEqual(["Siobhan O’Neill"]);
    expect(await names("o'neill")).toEqual(["Siobhan O’Neill"]);
    expect(await names("jeanpierre")).toEqual(["Jean-Pierre Dupont"]);
    expect(await names("jean pierre")).toEqual(["Jean-Pierre Dupont"]);
    expect(await names("jean-pierre")).toEqual(["Jean-Pierre Dupont"]);
  });

  it("tolerates a typo in short words too, in proportion to their length", async () => {
    expect(await names("mular")).toEqual(["Maria Müller"]);
    expect(await names("Müler")).toEqual(["Maria Müller"]);
    expect(await names("smtih")).toEqual(["Ana Smith"]); // swapped letters
    expect(await names("backer")).toEqual(["Tom Baker"]);
    expect(await names("dupond")).toEqual(["Jean-Pierre Dupont"]);
    // Four letters are too few to guess at: only what contains them.
    expect(await names("smth")).toEqual([]);
    expect(await names("bakr")).toEqual([]);
    // A quoted word is taken exactly.
    expect(await names(`"mular"`)).toEqual([]);
  });
});

describe("a search longer than the limit", () => {
  it("uses the first 10 words, says so, and never widens to everyone", async () => {
    const q = "ana smith vp sales initech one two three four five six seven";
    const { filter, errors } = parseFilter(`q=${encodeURIComponent(q)}`);
    expect(filter.q).toBe("ana smith vp sales initech one two three four five");
    expect(errors).toEqual([{ param: "q", message: expect.stringMatching(/12 words.*first 10.*“six seven” (was|were) left out/) }]);
    expect(await countConnections(ctx, filter)).toBe(0);
    const shorter = parseFilter(`q=${encodeURIComponent("ana smith vp sales initech 1 2 3 4 5 6 7")}`);
    expect(shorter.filter.q).toBe("ana smith vp sales initech 1 2 3 4 5");
  });

  it("counts a quoted phrase as one word", async () => {
    const { filter, errors } = parseFilter(`q=${encodeURIComponent(`"vp sales" a b c d e f g h i`)}`);
    expect(errors).toEqual([]);
    expect(filter.q).toBe(`"vp sales" a b c d e f g h i`);
  });
});
