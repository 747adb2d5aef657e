import { describe, expect, it } from "vitest";
import { enterImportGate } from "./run-gate";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the per-process import gate", () => {
  it("runs an import that crashed before alone, and lets shared ones wait their turn behind it", async () => {
    const order: string[] = [];
    const enter = (name: string, alone: boolean) => enterImportGate(alone).then((release) => (order.push(name), release));
    const a = enter("a", false);
    const b = enter("b", false);
    const suspect = enter("suspect", true);
    const c = enter("c", false);
    await tick();
    expect(order).toEqual(["a", "b"]);
    (await a)();
    await tick();
    expect(order).toEqual(["a", "b"]);
    (await b)();
    await tick();
    expect(order).toEqual(["a", "b", "suspect"]);
    const release = await suspect;
    release();
    release(); // a second release changes nothing
    await tick();
    expect(order).toEqual(["a", "b", "suspect", "c"]);
    (await c)();
  });
});
