import { describe, expect, it } from "vitest";
import { toggleRows } from "./row-selection";

const rows = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe("toggleRows", () => {
  it("flips one row without an anchor and leaves the given set alone", () => {
    const prev = new Set(["a"]);
    expect(sorted(toggleRows(prev, rows, "c", 2, null))).toEqual(["a", "c"]);
    expect(sorted(toggleRows(prev, rows, "a", 0, null))).toEqual([]);
    expect(sorted(prev)).toEqual(["a"]);
  });

  it("gives the whole range from the anchor the clicked row's new state, in either direction", () => {
    expect(sorted(toggleRows(new Set(["b"]), rows, "d", 3, 1))).toEqual(["b", "c", "d"]);
    expect(sorted(toggleRows(new Set(), rows, "a", 0, 3))).toEqual(["a", "b", "c", "d"]);
    // Unticking a ticked row with shift unticks the range, whatever each row was.
    expect(sorted(toggleRows(new Set(["a", "c", "d", "e"]), rows, "d", 3, 1))).toEqual(["a", "e"]);
  });

  it("ignores indexes past the end (rows that went away)", () => {
    expect(sorted(toggleRows(new Set(), rows, "e", 4, 9))).toEqual(["e"]);
  });
});
