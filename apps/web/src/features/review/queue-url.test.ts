import { describe, expect, it } from "vitest";
import { choiceLabelsOf, choicesOf, filterOf, KIND_LABELS, parseQueueQuery, queuePath, queueQuery } from "./queue-url";

describe("queue URL", () => {
  it("reads the page's parameters, falling back to defaults for anything unknown", () => {
    expect(parseQueueQuery({})).toEqual({ account: null, view: "needs_my_vote", kind: null, q: "", cursor: null });
    expect(parseQueueQuery({ account: "acc-1", view: "done", kind: "remove", q: "  acme ", cursor: "c1" })).toEqual({ account: "acc-1", view: "done", kind: "remove", q: "acme", cursor: "c1" });
    expect(parseQueueQuery({ view: "everything", kind: "delete", account: "x".repeat(65) })).toMatchObject({ view: "needs_my_vote", kind: null, account: null });
    expect(parseQueueQuery({ view: ["approved", "done"], q: "x".repeat(500) })).toMatchObject({ view: "approved", q: "x".repeat(200) });
    expect(parseQueueQuery({ kind: "withdraw_invitation" })).toMatchObject({ kind: "withdraw_invitation" });
  });

  it("names invitation choices in their own words, without follow-up", () => {
    expect(KIND_LABELS.withdraw_invitation).toBe("Invitations to withdraw");
    expect(choicesOf("withdraw_invitation")).toEqual(["keep", "remove", "snooze"]);
    expect(choiceLabelsOf("withdraw_invitation")).toMatchObject({ keep: "Keep waiting", remove: "Withdraw", snooze: "Snooze" });
    expect(choicesOf("remove")).toEqual(["keep", "remove", "follow_up", "snooze"]);
  });

  it("writes canonical links: defaults left out, the cursor only when given", () => {
    expect(queueQuery({ view: "needs_my_vote" })).toBe("");
    expect(queuePath("acme", { account: "a1", view: "snoozed", kind: "follow_up", q: "sales", cursor: null })).toBe("/t/acme/queue?account=a1&view=snoozed&kind=follow_up&q=sales");
    expect(queuePath("acme")).toBe("/t/acme/queue");
  });

  it("passes the search on in the connections filter language", () => {
    expect(filterOf("")).toBeUndefined();
    expect(filterOf("Ana & co")).toBe("q=Ana+%26+co");
  });
});
