import { describe, expect, it } from "vitest";
import { onProcessExit, parseWebProcesses, poolShare, usableCores } from "./processes.mjs";

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
  it("stops everything when a process ends before the first set listened (a boot failure would repeat)", () => {
    expect(onProcessExit({ booted: false, closing: false, crashTimes: [], now })).toBe("stop");
  });
  it("restarts a process that ended after the server booted (a crash, or a replacement that could not boot)", () => {
    expect(onProcessExit({ booted: true, closing: false, crashTimes: [now - 120_000, now - 90_000, now - 61_000], now })).toBe("restart");
  });
  it("stops when crashes come five times within a minute", () => {
    expect(onProcessExit({ booted: true, closing: false, crashTimes: [1, 2, 3, 4, 5].map((s) => now - s * 1000), now })).toBe("stop");
  });
  it("lets processes go while closing", () => {
    expect(onProcessExit({ booted: false, closing: true, crashTimes: [], now })).toBe("gone");
  });
});

describe("poolShare", () => {
  it("splits the server's database pool between its processes, at least 2 each", () => {
    expect(poolShare(undefined, 1)).toBe(10);
    expect(poolShare(undefined, 2)).toBe(5);
    expect(poolShare("10", 4)).toBe(3);
    expect(poolShare("30", 4)).toBe(8);
    expect(poolShare("3", 4)).toBe(2);
  });
  it("leaves a value the config refuses to the config (the processes refuse to start, naming it)", () => {
    for (const bad of ["abc", "0", "201", "-4", "2.5"]) expect(poolShare(bad, 2), bad).toBeNull();
  });
});

describe("usableCores", () => {
  it("is at least one and at most the CPU affinity", async () => {
    const { availableParallelism } = await import("node:os");
    expect(usableCores()).toBeGreaterThanOrEqual(1);
    expect(usableCores()).toBeLessThanOrEqual(availableParallelism());
  });
});
