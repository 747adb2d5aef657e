import { describe, expect, it } from "vitest";
import { NOW } from "../testing/corpus";
import { parseInvitations } from "./invitations";

// Invitations.csv layouts side-files.test.ts does not cover: the file before 2024 had no profile
// URL columns at all (the other party is then known by name only), written with the same
// "12/15/24, 7:47 AM" dates. Issue 17 keys invitations by name when there is no URL.

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("parseInvitations, older layouts", () => {
  it("reads the layout without URL columns: names only, both directions, quoted US dates with a comma", () => {
    const parsed = parseInvitations(
      bytes([
        "From,To,Sent At,Message,Direction",
        'Me Myself,Kim Lee,"12/15/24, 7:47 AM",,OUTGOING',
        'Raj Patel,Me Myself,"11/3/24, 10:05 PM","Hello, let\'s connect",INCOMING',
        'Me Myself,  Ana   Souza ,"1/2/25, 12:00 PM",,OUTGOING',
        'Me Myself,,"1/2/25, 9:00 AM",,OUTGOING',
      ]),
      { now: NOW },
    );
    expect(parsed.total).toBe(4);
    expect(parsed.rows.map((r) => [r.line, r.direction, r.name, r.profileUrl, r.identityKey, iso(r.sentAt), r.message])).toEqual([
      [2, "OUTGOING", "Kim Lee", null, null, "2024-12-15T07:47:00.000Z", null],
      [3, "INCOMING", "Raj Patel", null, null, "2024-11-03T22:05:00.000Z", "Hello, let's connect"],
      [4, "OUTGOING", "Ana Souza", null, null, "2025-01-02T12:00:00.000Z", null],
    ]);
    // Neither a name nor a URL: nothing to match the invitation with.
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code])).toEqual([[5, "To", "missing_identity"]]);
  });
});
