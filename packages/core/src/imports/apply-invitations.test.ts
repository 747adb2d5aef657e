import { describe, expect, it } from "vitest";
import type { TInvitationRow } from "@crm/importer";
import { invitationPersonKey, latestPerPerson } from "./apply-invitations";

const row = (over: Partial<TInvitationRow>): TInvitationRow => ({
  line: 2, direction: "OUTGOING", name: "Kim Lee", profileUrl: null, identityKey: null, sentAt: null, message: null, ...over,
});

describe("invitation person keys", () => {
  it("is the profile URL key, else the name key the connections use", () => {
    expect(invitationPersonKey(row({ identityKey: "li:kim-lee" }))).toBe("li:kim-lee");
    expect(invitationPersonKey(row({ name: "  Kim   LEE " }))).toBe("name:kim lee");
  });

  it("keeps one invitation per direction and person: the latest sent, undated losing, the later line on a tie", () => {
    const rows = [
      row({ line: 2, identityKey: "li:kim", sentAt: new Date("2024-10-01"), message: "old" }),
      row({ line: 3, identityKey: "li:kim", sentAt: new Date("2024-11-01"), message: "new" }),
      row({ line: 4, identityKey: "li:kim", sentAt: null, message: "undated" }),
      row({ line: 5, identityKey: "li:kim", direction: "INCOMING", sentAt: new Date("2024-01-01") }),
      row({ line: 6, name: "Raj Patel" }),
      row({ line: 7, name: "raj  patel" }),
    ];
    expect(latestPerPerson(rows).map((r) => [r.direction, r.personKey, r.line])).toEqual([
      ["OUTGOING", "li:kim", 3],
      ["INCOMING", "li:kim", 5],
      ["OUTGOING", "name:raj patel", 7],
    ]);
  });
});
