import { describe, expect, it } from "vitest";
import { invitationAge } from "./invitation-age";

const now = new Date("2026-12-05T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

describe("invitationAge", () => {
  it("reads as people say it: days, then weeks, months, years", () => {
    expect(invitationAge(ago(0.2), now)).toBe("today");
    expect(invitationAge(ago(1), now)).toBe("1 day");
    expect(invitationAge(ago(13), now)).toBe("13 days");
    expect(invitationAge(ago(14), now)).toBe("2 weeks");
    expect(invitationAge(ago(59), now)).toBe("8 weeks");
    expect(invitationAge(ago(60), now)).toBe("1 month");
    expect(invitationAge(ago(400), now)).toBe("13 months");
    expect(invitationAge(ago(800), now)).toBe("2 years");
  });
  it("never says a negative age for a date in the future (clock skew in the file)", () => {
    expect(invitationAge(ago(-3), now)).toBe("today");
  });
});
