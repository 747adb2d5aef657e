import { describe, expect, it } from "vitest";
import { parseFilter } from "@crm/core/connections/filter/parse";
import { DEFAULT_FILTER } from "@crm/core/connections/filter/types";
import { filterQuery, LAST_INTERACTION, lastInteractionValue } from "./filter-url";
import { formatDate, formatDateTime, relativeTime } from "./labels";

describe("formatDate", () => {
  it("formats calendar dates and timestamps in UTC, the same on server and browser", () => {
    expect(formatDate("2024-10-14")).toBe("14 Oct 2024");
    expect(formatDate("2024-01-05T23:59:00.000Z")).toBe("5 Jan 2024");
    expect(formatDateTime("2024-01-05T23:59:00.000Z")).toBe("5 Jan 2024, 23:59 UTC");
  });
  it("leaves what it cannot read alone", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate("soon")).toBe("soon");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("says how long ago, in the largest whole unit", () => {
    expect(relativeTime("2026-11-23T11:59:40Z", now)).toBe("just now");
    expect(relativeTime("2026-11-23T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-11-23T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2026-11-22T12:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2026-08-01T12:00:00Z", now)).toBe("3 months ago");
    expect(relativeTime("2024-11-01T12:00:00Z", now)).toBe("2 years ago");
  });
});

describe("last interaction choices", () => {
  it("each choice survives the round trip through the URL", () => {
    for (const o of LAST_INTERACTION) {
      const query = filterQuery({ ...DEFAULT_FILTER, activeMonths: o.activeMonths, inactiveMonths: o.inactiveMonths, messaged: o.messaged });
      const { filter, errors } = parseFilter(query);
      expect(errors).toEqual([]);
      expect(lastInteractionValue(filter)).toBe(o.value);
    }
  });
  it("a combination from a hand-made link is shown as custom, not as a wrong choice", () => {
    expect(lastInteractionValue({ activeMonths: 24, inactiveMonths: 6 })).toBe("custom");
    expect(lastInteractionValue({ inactiveMonths: 9 })).toBe("custom");
  });
});
