import { describe, expect, it } from "vitest";
import { mayUndo } from "./may-undo";

describe("mayUndo", () => {
  it("offers Undo for the viewer's own vote on a card reached with ← (nothing acted on in this tab)", () => {
    expect(mayUndo({ canUndo: false, myVote: "keep" }, false)).toBe(true);
  });
  it("offers it after an action in this tab, or when the server allows undoing", () => {
    expect(mayUndo({ canUndo: false, myVote: null }, true)).toBe(true);
    expect(mayUndo({ canUndo: true, myVote: null }, false)).toBe(true);
  });
  it("hides it when there is nothing to undo", () => {
    expect(mayUndo({ canUndo: false, myVote: null }, false)).toBe(false);
  });
});
