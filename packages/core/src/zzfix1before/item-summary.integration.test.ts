import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { startTestEnv, stopTestEnv } from "../testing/setup";
import { canDecideFor, loadItemSummaries, tallyOf } from "./item-summary";
import { addComment, addConnections, addItems, addVote, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";

let w: TReviewWorld;
let other: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Sum"), await makeReviewWorld("SumOther")];
});
afterAll(stopTestEnv);

describe("tallyOf", () => {
  it("says most votes first, 'says' for one, and flags disagreement", () => {
    expect(tallyOf(["keep", "remove", "remove"]).text).toBe("2 say remove, 1 says keep");
    expect(tallyOf(["keep", "remove", "remove"]).disagreement).toBe(true);
    expect(tallyOf(["follow_up"])).toMatchObject({ text: "1 says follow up", disagreement: false, follow_up: 1, keep: 0 });
    expect(tallyOf([])).toMatchObject({ text: "", disagreement: false });
  });
});

describe("loadItemSummaries", () => {
  it("maps items with votes of the current round, best score, flags and rights, in the order asked", async () => {
    const teamId = w.owner.team.id;
    const [c1, c2] = await addConnections(w, w.accounts.a.id, [
      { firstName: "Ana", lastName: "Lee", company: "Acme", position: "CTO", score: 12, flags: ["recruiter"] },
      { firstName: "Bo", lastName: "Ng", profileUrl: "https://www.linkedin.com/in/bo-ng" },
    ]);
    const [i1, i2] = await addItems(teamId, [
      { connectionId: c1!, accountId: w.accounts.a.id, rules: ["no_icp_fit", "recruiter"], ruleDetail: { no_icp_fit: "Best score 12" } },
      { connectionId: c2!, accountId: w.accounts.a.id, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId },
    ]);
    await addVote(teamId, i1!, w.teammate.userId, "REMOVE", "spam");
    await addVote(teamId, i1!, w.admin.userId, "REMOVE");
    await addVote(teamId, i1!, w.owner.userId, "KEEP");
    await addComment(teamId, i1!, w.teammate.userId, "hello");

    const [s2, s1] = await withTeam(teamId, (tx) => loadItemSummaries(tx, w.ctx.owner, [i2!, i1!, "missing"]));
    expect(s1).toMatchObject({
      id: i1,
      kind: "remove",
      state: "open",
      rules: [
        { code: "no_icp_fit", detail: "Best score 12" },
        { code: "recruiter", detail: null },
      ],
      account: { id: w.accounts.a.id, owner: { id: w.owner.userId } },
      connection: { id: c1, name: "Ana Lee", company: "Acme", position: "CTO", score: 12, fit: "none", profileUrl: null },
      myVote: "keep",
      commentCount: 1,
      canDecide: true,
      canUndo: false,
    });
    expect(s1!.connection.linkedInUrl).toContain("linkedin.com/search/results/people/?keywords=Ana%20Lee%20Acme");
    expect(s1!.connection.flags.map((f) => f.code)).toEqual(["recruiter"]);
    expect(s1!.tally.text).toBe("2 say remove, 1 says keep");
    expect(s1!.votes.find((v) => v.user.id === w.teammate.userId)).toMatchObject({ choice: "remove", reason: "spam", user: { name: w.teammate.name } });
    expect(s2).toMatchObject({ id: i2, state: "approved", decision: "remove", decidedBy: { id: w.owner.userId }, canUndo: true, connection: { linkedInUrl: "https://www.linkedin.com/in/bo-ng", score: null } });

    // The teammate does not own account a; the admin may decide only where the team allows it.
    const [asMate] = await withTeam(teamId, (tx) => loadItemSummaries(tx, w.ctx.teammate, [i2!]));
    expect(asMate).toMatchObject({ canDecide: false, canUndo: false, myVote: null });
    const [asAdmin] = await withTeam(teamId, (tx) => loadItemSummaries(tx, w.ctx.admin, [i2!]));
    expect(asAdmin!.canDecide).toBe(false);
    await setQueueRules(teamId, { adminsDecide: true });
    const [asAdmin2] = await withTeam(teamId, (tx) => loadItemSummaries(tx, w.ctx.admin, [i2!]));
    expect(asAdmin2).toMatchObject({ canDecide: true, canUndo: true });
    await setQueueRules(teamId, { adminsDecide: false });

    // A later round hides the earlier round's votes.
    await withTeam(teamId, (tx) => tx.reviewItem.update({ where: { id: i1! }, data: { round: 2 } }));
    const [r2] = await withTeam(teamId, (tx) => loadItemSummaries(tx, w.ctx.owner, [i1!]));
    expect(r2).toMatchObject({ round: 2, votes: [], myVote: null, tally: { text: "" } });
  });

  it("shows nothing of another team", async () => {
    const [c] = await addConnections(other, other.accounts.a.id, [{}]);
    const [foreign] = await addItems(other.owner.team.id, [{ connectionId: c!, accountId: other.accounts.a.id }]);
    const rows = await withTeam(w.owner.team.id, (tx) => loadItemSummaries(tx, w.ctx.owner, [foreign!]));
    expect(rows).toEqual([]);
  });

  it("canDecideFor: owner always, admin only when allowed, member never", () => {
    const acc = { ownerUserId: "u1" };
    expect(canDecideFor({ userId: "u1", role: "MEMBER" }, acc, { adminsDecide: false })).toBe(true);
    expect(canDecideFor({ userId: "u2", role: "ADMIN" }, acc, { adminsDecide: false })).toBe(false);
    expect(canDecideFor({ userId: "u2", role: "OWNER" }, acc, { adminsDecide: true })).toBe(true);
    expect(canDecideFor({ userId: "u2", role: "MEMBER" }, acc, { adminsDecide: true })).toBe(false);
  });
});
