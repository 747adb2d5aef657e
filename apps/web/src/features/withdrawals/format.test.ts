import { describe, expect, it } from "vitest";
import { ageText, laneHref, withdrawalsTodayText } from "./format";

describe("withdrawal lane words", () => {
  it("says the budget line, ages and lane links", () => {
    expect(withdrawalsTodayText({ used: 4, limit: 30 })).toBe("4 of 30 withdrawals today");
    expect(ageText(1)).toBe("1 day");
    expect(ageText(159)).toBe("159 days");
    expect(laneHref("acme", "acc1", "withdrawals")).toBe("/t/acme/removals/acc1?lane=withdrawals");
    expect(laneHref("acme", "acc1", "removals")).toBe("/t/acme/removals/acc1");
  });
});
