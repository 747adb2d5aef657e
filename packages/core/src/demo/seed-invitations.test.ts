import { describe, expect, it } from "vitest";
import { parseInvitations } from "@crm/importer";
import { DEMO_INCOMING, DEMO_OUTGOING, demoInvitationsCsv, linkedInSentAt } from "./seed-invitations";

const DAY = 86_400_000;

describe("the demo's Invitations.csv", () => {
  it("writes LinkedIn's 2024 dates", () => {
    expect(linkedInSentAt(new Date("2024-12-15T07:47:31Z"))).toBe("12/15/24, 7:47 AM");
    expect(linkedInSentAt(new Date("2025-01-02T00:05:00Z"))).toBe("1/2/25, 12:05 AM");
    expect(linkedInSentAt(new Date("2025-01-02T12:00:00Z"))).toBe("1/2/25, 12:00 PM");
  });

  it("parses without rejections: outgoing of every age (most older than 60 days), some with notes, incoming, one accepted", () => {
    const now = new Date("2026-12-05T15:00:00Z");
    const parsed = parseInvitations(new TextEncoder().encode(demoInvitationsCsv(now, { name: "Ann Accepted", profileUrl: "https://www.linkedin.com/in/ann-accepted" })), { now });
    expect(parsed.rejected).toEqual([]);
    const outgoing = parsed.rows.filter((r) => r.direction === "OUTGOING");
    expect(outgoing).toHaveLength(DEMO_OUTGOING.length + 1);
    expect(parsed.rows.filter((r) => r.direction === "INCOMING")).toHaveLength(DEMO_INCOMING.length);
    const ages = outgoing.map((r) => Math.round((now.getTime() - r.sentAt!.getTime()) / DAY));
    expect(ages.filter((d) => d > 60).length * 2).toBeGreaterThan(DEMO_OUTGOING.length);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(365);
    expect(outgoing.filter((r) => r.message).length).toBeGreaterThanOrEqual(3);
    expect(outgoing.find((r) => r.name === "Ann Accepted")).toMatchObject({ identityKey: "li:ann-accepted" });
    expect(parsed.rows.find((r) => r.name === "Clara Ruiz")!.message).toContain("VP Sales");
    // The owner is never the other party.
    expect(parsed.rows.every((r) => r.name !== "Dana Demo")).toBe(true);
  });
});
