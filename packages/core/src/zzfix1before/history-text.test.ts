import { describe, expect, it } from "vitest";
import { historyText } from "./history-text";

describe("historyText", () => {
  it("reads the write side's audit rows", () => {
    expect(historyText("review.vote", { choice: "remove", reason: "spam" })).toBe("Voted Remove: “spam”");
    expect(historyText("review.vote", { choice: "snooze", snoozeUntil: "2027-01-02T00:00:00.000Z" })).toBe("Voted Snooze until 2027-01-02");
    expect(historyText("review.decide", { choice: "keep", before: "open", after: "done" })).toBe("Decided Keep");
    expect(historyText("review.decide", { choice: "remove", batchId: "b", count: 12, reason: "cleanup" })).toBe("Decided Remove (bulk, 12 items): “cleanup”");
    expect(historyText("review.undo", { before: { state: "approved" }, after: { state: "open" } })).toBe("Undid the decision (approved for removal → open)");
    expect(historyText("review.undo", { undid: "vote", before: { state: "open" }, after: { state: "open" } })).toBe("Undid the vote");
    expect(historyText("review.vote_retracted", {})).toBe("Took back their vote");
    expect(historyText("review.comment", { commentId: "c" })).toBe("Commented");
    expect(historyText("review.something_new", null)).toBe("Something new");
  });
});
