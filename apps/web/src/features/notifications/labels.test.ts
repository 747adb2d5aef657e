import { describe, expect, it } from "vitest";
import { badgeText, bellLabel, formatWhen, safeHref } from "./labels";

describe("notification labels", () => {
  it("caps the badge at 99+ and names the unread count", () => {
    expect(badgeText(3)).toBe("3");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
    expect(bellLabel(0)).toBe("Notifications");
    expect(bellLabel(3)).toBe("Notifications, 3 unread");
    expect(bellLabel(1234)).toBe("Notifications, 99+ unread");
  });

  it("follows only links inside the team", () => {
    expect(safeHref("acme", "/t/acme/queue/items/abc")).toBe("/t/acme/queue/items/abc");
    expect(safeHref("acme", "/t/other/queue/items/abc")).toBe("/t/acme/notifications");
    expect(safeHref("acme", "https://evil.example/t/acme/")).toBe("/t/acme/notifications");
    expect(safeHref("acme", "/t/acme/\\evil")).toBe("/t/acme/notifications");
  });

  it("prints times in UTC", () => {
    expect(formatWhen("2026-12-05T06:07:00.000Z")).toBe("Dec 5, 2026, 6:07 AM UTC");
  });
});
