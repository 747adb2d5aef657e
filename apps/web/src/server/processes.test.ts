import { describe, expect, it } from "vitest";
import { onProcessExit, parseWebProcesses } from "./processes.mjs";

describe("parseWebProcesses", () => {
  it("defaults to one process per core, at most 4", () => {
    expect(parseWebProcesses(undefined, { cores: 1 })).toBe(1);
    expect(parseWebProcesses("", { cores: 2 })).toBe(2);
    expect(parseWebProcesses("auto", { cores: 32 })).toBe(4);
  });
  it("is one process by default under the browser tests' per-process clock", () => {
    expect(parseWebProcesses(undefined, { cores: 4, testClock: true })).toBe(1);
    expect(parseWebProcesses("2", { cores: 4, testClock: true })).toBe(2);
  });
  it("takes a whole number from 1 to 16", () => {
    expect(parseWebProcesses("1", { cores: 8 })).toBe(1);
    expect(parseWebProcesses(" 3 ", { cores: 2 })).toBe(3);
    expect(parseWebProcesses("16", { cores: 2 })).toBe(16);
  });
  it("names the variable and the value it refuses", () => {
    for (const bad of ["0", "17", "-1", "2.5", "two", "1e1"]) expect(() => parseWebProcesses(bad, { cores: 2 }), bad).toThrow(`WEB_PROCESSES must be "auto" or a whole number from 1 to 16, not "${bad}"`);
  });
});

describe("onProcessExit", () => {
  const now = 1_000_000;
  it("stops everything when a process ends before it listened (a boot failure would repeat)", () => {
    expect(onProcessExit({ listened: false, closing: false, crashTimes: [], now })).toBe("stop");
  });
  it("restarts a process that crashed after serving", () => {
    expect(onProcessExit({ listened: true, closing: false, crashTimes: [now - 120_000, now - 90_000, now - 61_000], now })).toBe("restart");
  });
  it("stops when crashes come five times within a minute", () => {
    expect(onProcessExit({ listened: true, closing: false, crashTimes: [1, 2, 3, 4, 5].map((s) => now - s * 1000), now })).toBe("stop");
  });
  it("lets processes go while closing", () => {
    expect(onProcessExit({ listened: false, closing: true, crashTimes: [], now })).toBe("gone");
  });
});
