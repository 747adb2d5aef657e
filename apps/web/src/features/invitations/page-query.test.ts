import { describe, expect, it } from "vitest";
import { invitationsHref, parsePageQuery, toListInput } from "./page-query";

describe("the invitations page's URL", () => {
  it("falls back to defaults on anything unknown, never an error", () => {
    expect(parsePageQuery({ tab: "sideways", age: "-3", message: "maybe", fit: "strong", sort: "fit", dir: "up", page: "0" })).toEqual({
      tab: "outgoing", age: null, message: null, fit: null, sort: null, dir: null, page: 1,
    });
  });

  it("keeps fit for the incoming tab and maps tabs to the service's direction and view", () => {
    const q = parsePageQuery({ tab: "incoming", age: "30", message: "with", fit: "weak", sort: "fit", dir: "asc", page: "2" });
    expect(toListInput(q)).toEqual({ direction: "incoming", view: "open", olderThanDays: 30, message: "with", fit: "weak", sort: "fit", dir: "asc", page: 2, limit: 50 });
    expect(toListInput(parsePageQuery({ tab: "withdrawn" }))).toMatchObject({ direction: "outgoing", view: "withdrawn" });
  });

  it("builds short links: defaults left out", () => {
    expect(invitationsHref("acme", "acc1")).toBe("/t/acme/accounts/acc1/invitations");
    expect(invitationsHref("acme", "acc1", { tab: "incoming", age: 0, page: 3 })).toBe("/t/acme/accounts/acc1/invitations?tab=incoming&age=0&page=3");
  });
});
