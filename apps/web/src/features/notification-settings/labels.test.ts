import { describe, expect, it } from "vitest";
import { HOUR_OPTIONS, WEEKDAY_OPTIONS, zoneOptions } from "./labels";

describe("notification settings labels", () => {
  it("numbers weekdays the ISO way (Monday 1, Sunday 7) and hours 0–23", () => {
    expect(WEEKDAY_OPTIONS[0]).toEqual({ value: "1", label: "Monday" });
    expect(WEEKDAY_OPTIONS[6]).toEqual({ value: "7", label: "Sunday" });
    expect(HOUR_OPTIONS).toHaveLength(24);
    expect(HOUR_OPTIONS[8]).toEqual({ value: "8", label: "08:00" });
  });

  it("adds the current and the browser's zone to the list once, sorted", () => {
    const opts = zoneOptions(["UTC", "Europe/Berlin"], "Asia/Calcutta", "Europe/Berlin", null);
    expect(opts.map((o) => o.value)).toEqual(["Asia/Calcutta", "Europe/Berlin", "UTC"]);
    expect(zoneOptions(["America/New_York"])[0]!.label).toBe("America/New York");
  });
});
