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

// A rejected row is still listed by the file: the import must not take its invitation for
// withdrawn or gone, so the parser says whom it is about whenever the row shows that (issue 17, F7).
describe("parseInvitations, the people of rejected rows", () => {
  const HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";
  const ME = "https://www.linkedin.com/in/me-myself";

  it("keys a rejected row by its profile URL, else by name, as the import keys invitations", () => {
    const parsed = parseInvitations(
      bytes([
        HEADER,
        `Me Myself,Eve E,not a date,,OUTGOING,${ME},https://www.linkedin.com/in/eve-e`,
        `Raj Patel,Me Myself,not a date,,INCOMING,,${ME}`,
        `Me Myself,Kim  LEE,1/1/26 9:00 AM,,OUTGOING,${ME},https://example.com/not-linkedin`,
        `Me Myself,Ana Souza,1/1/26 9:00 AM,${"x".repeat(2001)},OUTGOING,${ME},https://www.linkedin.com/in/ana-souza`,
        `Me Myself,Ok Row,1/1/26 9:00 AM,,OUTGOING,${ME},https://www.linkedin.com/in/ok-row`,
      ]),
      { now: NOW },
    );
    expect(parsed.rows.map((r) => r.identityKey)).toEqual(["li:ok-row"]);
    expect(parsed.rejected.map((r) => [r.line, r.code])).toEqual([[2, "invalid_date"], [3, "invalid_date"], [4, "invalid_profile_url"], [5, "too_long"]]);
    expect(parsed.rejectedPeople).toEqual([
      { direction: "OUTGOING", personKey: "li:eve-e" },
      { direction: "INCOMING", personKey: "name:raj patel" },
      { direction: "OUTGOING", personKey: "name:kim lee" },
      { direction: "OUTGOING", personKey: "li:ana-souza" },
    ]);
    expect(parsed.unkeyedRejected).toBe(0);
  });

  it("counts the rejected rows that name nobody: an unknown direction, no name and no URL, a name over the cap", () => {
    const parsed = parseInvitations(
      bytes([
        HEADER,
        `Me Myself,Fay F,1/1/26 9:00 AM,,SENT,${ME},https://www.linkedin.com/in/fay-f`,
        `Me Myself,,1/1/26 9:00 AM,,OUTGOING,${ME},`,
        `Me Myself,${"Zed".repeat(100)},1/1/26 9:00 AM,,OUTGOING,${ME},`,
        `Me Myself,${"Zed".repeat(100)},1/1/26 9:00 AM,,OUTGOING,${ME},https://www.linkedin.com/in/zed`,
      ]),
      { now: NOW },
    );
    expect(parsed.rejected.map((r) => [r.line, r.code])).toEqual([[2, "invalid_value"], [3, "missing_identity"], [4, "too_long"], [5, "too_long"]]);
    // The last one's URL still says who it is.
    expect(parsed.rejectedPeople).toEqual([{ direction: "OUTGOING", personKey: "li:zed" }]);
    expect(parsed.unkeyedRejected).toBe(3);
  });
});
