import { describe, expect, it } from "vitest";
import { decideGone } from "./scope";

describe("decideGone: when an import may mark people gone without asking", () => {
  const li = "linkedin-connections";
  it("applies a LinkedIn export losing up to max(10, 10 %) of the account; asks above", () => {
    expect(decideGone(undefined, li, { connected: 300, wouldGo: 30, filePeople: 270 })).toEqual({ markGone: true });
    expect(decideGone(undefined, li, { connected: 300, wouldGo: 31, filePeople: 269 })).toMatchObject({ ask: { reason: "many_gone", wouldGo: 31 } });
    expect(decideGone(undefined, li, { connected: 20, wouldGo: 10, filePeople: 10 })).toEqual({ markGone: true });
    expect(decideGone(undefined, li, { connected: 20, wouldGo: 11, filePeople: 9 })).toMatchObject({ ask: { reason: "many_gone" } });
  });
  it("asks for any gone from another tool's file, never when nobody would go", () => {
    expect(decideGone(undefined, "hubspot", { connected: 300, wouldGo: 1, filePeople: 299 })).toMatchObject({ ask: { reason: "other_tool", format: "hubspot" } });
    expect(decideGone(undefined, "mapped", { connected: 300, wouldGo: 0, filePeople: 300 })).toEqual({ markGone: true });
  });
  it("follows the user's answer", () => {
    expect(decideGone("partial", "hubspot", { connected: 300, wouldGo: 297, filePeople: 3 })).toEqual({ markGone: false });
    expect(decideGone("whole", "hubspot", { connected: 300, wouldGo: 297, filePeople: 3 })).toEqual({ markGone: true });
  });
});

describe("decideGone: 'whole' applies to the number the user confirmed", () => {
  const li = "linkedin-connections";
  it("asks again when more than max(3, 2 %) above it would go now; applies within that", () => {
    expect(decideGone("whole", "hubspot", { connected: 320, wouldGo: 318, filePeople: 3 }, 298)).toEqual({
      ask: { reason: "other_tool", format: "hubspot", filePeople: 3, accountConnected: 320, wouldGo: 318, previousWouldGo: 298 },
    });
    expect(decideGone("whole", "hubspot", { connected: 305, wouldGo: 303, filePeople: 3 }, 298)).toEqual({ markGone: true });
    expect(decideGone("whole", li, { connected: 100, wouldGo: 54, filePeople: 50 }, 50)).toMatchObject({ ask: { reason: "many_gone", previousWouldGo: 50 } });
    expect(decideGone("whole", li, { connected: 100, wouldGo: 40, filePeople: 60 }, 50)).toEqual({ markGone: true });
  });
  it("the CLI's --whole-network up front (no number) is not bounded", () => {
    expect(decideGone("whole", "hubspot", { connected: 3000, wouldGo: 2997, filePeople: 3 })).toEqual({ markGone: true });
  });
});
