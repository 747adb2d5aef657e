import { describe, expect, it } from "vitest";
import { dueInstantFor, isTimeZone, nineAmOn } from "./due-date";

// The picked date → 09:00 local instant, across DST changes in two hemispheres' zones.

const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? "thrown";
  }
};

describe("nineAmOn", () => {
  it("is 09:00 wall time on both sides of Berlin's spring-forward and fall-back", () => {
    expect(nineAmOn("2026-03-28", "Europe/Berlin").toISOString()).toBe("2026-03-28T08:00:00.000Z"); // CET +1
    expect(nineAmOn("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-29T07:00:00.000Z"); // CEST +2, the change day
    expect(nineAmOn("2026-10-25", "Europe/Berlin").toISOString()).toBe("2026-10-25T08:00:00.000Z"); // back to +1
  });

  it("is 09:00 wall time across New York's and Sydney's changes, and in a half-hour zone", () => {
    expect(nineAmOn("2026-03-07", "America/New_York").toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(nineAmOn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(nineAmOn("2026-04-05", "Australia/Sydney").toISOString()).toBe("2026-04-04T23:00:00.000Z"); // AEST +10 after the change
    expect(nineAmOn("2026-04-04", "Australia/Sydney").toISOString()).toBe("2026-04-03T22:00:00.000Z"); // AEDT +11
    expect(nineAmOn("2026-12-05", "Asia/Kolkata").toISOString()).toBe("2026-12-05T03:30:00.000Z");
  });
});

describe("dueInstantFor", () => {
  const at = new Date("2026-12-05T20:00:00Z"); // already 2026-12-06 in Auckland

  it("accepts today or later in the user's zone", () => {
    expect(dueInstantFor("2026-12-05", "UTC", at).toISOString()).toBe("2026-12-05T09:00:00.000Z"); // today, 09:00 passed: due at once
    expect(code(() => dueInstantFor("2026-12-05", "Pacific/Auckland", at))).toBe("VALIDATION"); // yesterday there
    expect(dueInstantFor("2026-12-06", "Pacific/Auckland", at).toISOString()).toBe("2026-12-05T20:00:00.000Z");
  });

  it("refuses more than five years ahead, non-dates and unknown zones", () => {
    expect(dueInstantFor("2031-12-05", "UTC", at).toISOString()).toBe("2031-12-05T09:00:00.000Z");
    expect(code(() => dueInstantFor("2031-12-06", "UTC", at))).toBe("VALIDATION");
    expect(code(() => dueInstantFor("2026-02-30", "UTC", at))).toBe("VALIDATION");
    expect(code(() => dueInstantFor("12/24/2026", "UTC", at))).toBe("VALIDATION");
    expect(code(() => dueInstantFor(20261224, "UTC", at))).toBe("VALIDATION");
    expect(code(() => dueInstantFor("2026-12-24", "Nowhere/City", at))).toBe("VALIDATION");
    expect(isTimeZone("x".repeat(65))).toBe(false);
    expect(isTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
  });
});
