import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ImportFileError } from "../errors";
import { NOW, readCorpus } from "../testing/corpus";
import { parseEndorsements } from "./endorsements";
import { parseInvitations } from "./invitations";
import { aggregateMessages } from "./messages";
import { parseRecommendations } from "./recommendations";

const opts = { now: NOW };
/** The sample with its first occurrence of `from` (a date) replaced by `to`. */
const withDate = (bytes: Uint8Array, from: string, to: string) => {
  const text = Buffer.from(bytes).toString("utf8");
  expect(text).toContain(from);
  return new TextEncoder().encode(text.replace(from, to));
};
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("parseInvitations", () => {
  it("reads the real-format file: US dates, both directions, other party's URL", () => {
    const parsed = parseInvitations(readCorpus("invitations-2024.csv"), opts);
    expect(parsed.total).toBe(5);
    expect(parsed.rows.map((r) => [r.line, r.direction, r.name, r.identityKey, iso(r.sentAt)])).toEqual([
      [2, "OUTGOING", "Kim Lee", "li:kim-lee", "2024-12-15T07:47:00.000Z"],
      [3, "INCOMING", "Raj Patel", "li:raj-patel", "2024-11-03T22:05:00.000Z"],
      [5, "OUTGOING", "Ana Souza", "li:ana-souza", "2025-01-02T09:00:00.000Z"],
    ]);
    expect(parsed.rows[1]!.message).toBe("Hi, we met at the meetup.\nLet's connect!");
    expect(parsed.rows[0]).toMatchObject({ message: null, profileUrl: "https://www.linkedin.com/in/kim-lee/" });
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code, r.file])).toEqual([
      [6, "Sent At", "invalid_date", "Invitations.csv"],
      [7, "Direction", "invalid_value", "Invitations.csv"],
    ]);
  });

  it("treats URN columns (early 2024) as no URL", () => {
    const parsed = parseInvitations(readCorpus("invitations-urn-2024.csv"), opts);
    expect(parsed.rows.map((r) => [r.name, r.profileUrl, r.identityKey])).toEqual([
      ["Kim Lee", null, null],
      ["Raj Patel", null, null],
    ]);
  });

  // Counts checked with Python's csv module: 162 records of 7 fields, 85 OUTGOING and 77 INCOMING,
  // the other party always named and with an /in/ URL, "Sent At" from 1823-07-18 to 1851-11-23.
  it("the public sample: 162 rows (85 out, 77 in), all accepted with their 1823–1851 dates", () => {
    const parsed = parseInvitations(readCorpus("silkyrich__linkedin-export-viewer__Invitations.csv"), opts);
    expect([parsed.total, parsed.rows.length, parsed.rejected.length]).toEqual([162, 162, 0]);
    expect(parsed.rows.filter((r) => r.direction === "OUTGOING").length).toBe(85);
    expect(parsed.rows.filter((r) => r.direction === "INCOMING").length).toBe(77);
    expect(parsed.rows[0]).toMatchObject({ line: 2, direction: "OUTGOING", name: "Lord Byron", identityKey: "li:fake-lord-byron" });
    expect(iso(parsed.rows[0]!.sentAt)).toBe("1823-07-18T11:00:00.000Z");
    const sent = parsed.rows.map((r) => iso(r.sentAt)!).sort();
    expect([sent[0], sent.at(-1)]).toEqual(["1823-07-18T11:00:00.000Z", "1851-11-23T18:28:09.000Z"]);
    // Ada is the owner: an outgoing invitation is keyed by the invitee, never by her.
    expect(parsed.rows.filter((r) => r.direction === "OUTGOING").every((r) => r.identityKey !== "li:fake-ada-byron-lovelace")).toBe(true);
  });

  it("the public sample with one impossible date: that row alone is rejected, with its line", () => {
    const bytes = withDate(readCorpus("silkyrich__linkedin-export-viewer__Invitations.csv"), "1823-07-18 11:00:00 UTC", "0223-07-18 11:00:00 UTC");
    const parsed = parseInvitations(bytes, opts);
    expect([parsed.total, parsed.rows.length, parsed.rejected.length]).toEqual([162, 161, 1]);
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code, r.file])).toEqual([[2, "Sent At", "invalid_date", "Invitations.csv"]]);
    expect(parsed.rejected[0]!.message).toContain("0223-07-18 11:00:00 UTC");
    expect(parsed.rows[0]!.line).toBe(3);
  });
});

describe("parseEndorsements", () => {
  it("aggregates per endorser URL written without a scheme; no URL → rejected", () => {
    const parsed = parseEndorsements(readCorpus("endorsements-real-format.csv"), opts);
    expect(parsed.rows).toBe(4);
    expect([...parsed.endorsers].map(([key, e]) => [key, e.count, iso(e.lastAt)])).toEqual([
      ["li:kim-lee", 2, "2024-01-02T18:00:00.000Z"],
      ["li:raj-patel", 1, "2022-07-07T07:07:07.000Z"],
    ]);
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code])).toEqual([[5, "Endorser Public Url", "invalid_profile_url"]]);
  });

  // Python's csv module: 700 records of 6 fields, 572 distinct endorser URLs (case-folded), all
  // /in/ URLs; "Endorsement Date" from 22 Mar 1833 to 14 May 1852; Charles Babbage endorsed 5 times.
  it("the public sample: 700 rows from 572 endorsers, all accepted with their 1833–1852 dates", () => {
    const parsed = parseEndorsements(readCorpus("silkyrich__linkedin-export-viewer__Endorsement_Received_Info.csv"), opts);
    expect([parsed.rows, parsed.endorsers.size, parsed.rejected.length]).toEqual([700, 572, 0]);
    expect([...parsed.endorsers.values()].reduce((n, e) => n + e.count, 0)).toBe(700);
    expect(parsed.endorsers.get("li:fake-charles-babbage")).toEqual({ count: 5, lastAt: new Date("1833-06-05T00:00:00Z") });
    const dates = [...parsed.endorsers.values()].map((e) => iso(e.lastAt)!).sort();
    expect(dates.at(-1)).toBe("1852-05-14T00:00:00.000Z");
  });

  it("the public sample with one impossible date: that row alone is rejected, with its line", () => {
    const bytes = withDate(readCorpus("silkyrich__linkedin-export-viewer__Endorsement_Received_Info.csv"), "05 Jun 1833", "05 Jun 0224");
    const parsed = parseEndorsements(bytes, opts);
    expect([parsed.rows, parsed.endorsers.size, parsed.rejected.length]).toEqual([700, 572, 1]);
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code])).toEqual([[2, "Endorsement Date", "invalid_date"]]);
    expect(parsed.rejected[0]!.message).toContain("05 Jun 0224");
    expect(parsed.endorsers.get("li:fake-charles-babbage")!.count).toBe(4);
  });
});

describe("parseRecommendations", () => {
  it("keeps names, company, title, status and date, never the text", () => {
    const parsed = parseRecommendations(readCorpus("recommendations-real-format.csv"), opts);
    expect(parsed.total).toBe(3);
    expect(parsed.rows).toEqual([
      { line: 2, firstName: "Kim", lastName: "Lee", company: "Acme", jobTitle: "CTO", nameKey: "kim lee", status: "VISIBLE", createdAt: new Date("2023-03-14T10:02:00Z") },
      { line: 3, firstName: "Raj", lastName: "Patel", company: null, jobTitle: null, nameKey: "raj patel", status: "HIDDEN", createdAt: new Date("2022-11-30T16:45:00Z") },
    ]);
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 4, field: "(row)", code: "missing_identity", raw: ["", "", "Acme", "CTO", "", "11/30/22, 4:45 PM", "VISIBLE"] }),
    ]);
    expect(JSON.stringify(parsed)).not.toContain("Great engineer");
  });

  // Python's csv module: 27 records of 7 fields, every one named, "Creation Date" 1833–1851.
  it("the public sample: 27 rows, all accepted with their 1833–1851 dates", () => {
    const parsed = parseRecommendations(readCorpus("silkyrich__linkedin-export-viewer__Recommendations_Received.csv"), opts);
    expect([parsed.total, parsed.rows.length, parsed.rejected.length]).toEqual([27, 27, 0]);
    expect(parsed.rows[0]).toMatchObject({ line: 2, nameKey: "charles babbage", company: "Analytical Engines (stealth)", createdAt: new Date("1833-06-05T00:00:00Z") });
    const created = parsed.rows.map((r) => iso(r.createdAt)!).sort();
    expect([created[0], created.at(-1)]).toEqual(["1833-03-22T00:00:00.000Z", "1851-06-26T00:00:00.000Z"]);
  });

  it("needs its header", () => {
    expect(() => parseRecommendations(new TextEncoder().encode("a,b\n1,2\n"))).toThrow(ImportFileError);
  });
});

describe("aggregateMessages (streaming)", () => {
  /** Feeds the file in small chunks so records and multi-byte characters straddle chunks. */
  const stream = (bytes: Uint8Array, size = 97) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
  const summary = (m: Map<string, { count: number; lastAt: Date }>) => Object.fromEntries([...m].map(([k, v]) => [k, [v.count, v.lastAt.toISOString()]]));

  it("the public sample: 20 messages; every one involves the owner (li:you)", async () => {
    const stats = await aggregateMessages(stream(readCorpus("YANG-DB__linked-knowledge__Messages.csv")), opts);
    expect([stats.rows, stats.skipped, stats.rejectedCount]).toEqual([20, 0, 0]);
    // Counted independently with Python's csv module: 11 distinct URLs, you ×20, lauracooper ×3.
    expect(stats.byKey.size).toBe(11);
    expect(stats.byKey.get("li:you")!.count).toBe(20);
    expect(summary(stats.byKey)["li:lauracooper"]).toEqual([3, "2023-11-16T09:15:00.000Z"]);
    expect(stats.byName.get("laura cooper")!.count).toBe(3);
  });

  it("pre-2023 files without recipient URLs: counts by name for everyone, by URL for senders", async () => {
    const stats = await aggregateMessages(stream(readCorpus("messages-2021-no-recipient-urls.csv"), 13), opts);
    expect([stats.rows, stats.skipped, stats.rejectedCount]).toEqual([4, 0, 1]);
    expect(summary(stats.byKey)).toEqual({
      "li:kim-lee": [1, "2021-03-05T14:02:11.000Z"],
      "li:me-myself": [2, "2021-03-06T09:00:00.000Z"],
    });
    expect(summary(stats.byName)).toEqual({
      "kim lee": [2, "2021-03-06T09:00:00.000Z"],
      "me myself": [3, "2021-03-06T09:00:00.000Z"],
      "raj patel": [1, "2020-12-24T18:30:00.000Z"],
      "ana souza": [1, "2020-12-24T18:30:00.000Z"],
    });
    expect(stats.rejected.map((r) => [r.line, r.field, r.code, r.file])).toEqual([[6, "DATE", "invalid_date", "messages.csv"]]);
  });

  it("skips drafts and splits recipient URL lists", async () => {
    const stats = await aggregateMessages(stream(readCorpus("messages-2024-drafts.csv")), opts);
    expect([stats.rows, stats.skipped, stats.rejectedCount]).toEqual([3, 1, 0]);
    expect(summary(stats.byKey)).toEqual({
      "li:me-myself": [2, "2024-05-02T10:00:00.000Z"],
      "li:kim-lee": [2, "2024-05-02T10:00:00.000Z"],
      "li:raj-patel": [2, "2024-05-02T10:00:00.000Z"],
    });
  });

  it("accepts an async iterable of byte chunks and rejects a file without its header", async () => {
    async function* bytes() {
      yield new TextEncoder().encode("just,some\ncsv,here\n");
    }
    await expect(aggregateMessages(bytes(), opts)).rejects.toMatchObject({ code: "no_header" });
  });

  it("turns a failing source stream into an ImportFileError", async () => {
    const failing = new Readable({ read() { this.destroy(new Error("disk on fire")); } });
    await expect(aggregateMessages(failing, opts)).rejects.toBeInstanceOf(ImportFileError);
  });
});

describe("aggregateMessages counts people once and leaves drafts out (issue 16 item 7)", () => {
  // By hand: 8 data rows = 5 sent messages, 2 drafts (DRAFTS, "Yes") and 1 with the date
  // "yesterday"; the sent ones involve Me Myself, Kim Lee and Raj Patel, each with a URL: 3 people.
  it("messages-2025-urls-drafts.csv: 5 messages among 3 people", async () => {
    const stats = await aggregateMessages(Readable.from([Buffer.from(readCorpus("messages-2025-urls-drafts.csv"))]), opts);
    expect([stats.rows, stats.counted, stats.skipped, stats.rejectedCount, stats.people]).toEqual([8, 5, 2, 1, 3]);
    expect(stats.headers?.[0]).toBe("CONVERSATION ID");
  });

  it("messages-2024-drafts.csv: 2 messages among 3 people, not 6", async () => {
    const stats = await aggregateMessages(Readable.from([Buffer.from(readCorpus("messages-2024-drafts.csv"))]), opts);
    expect([stats.counted, stats.skipped, stats.people]).toEqual([2, 1, 3]);
  });

  it("a name without any URL is a person of its own; the same name beside a URL is not", async () => {
    const csv = [
      "FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE",
      "Ana Souza,https://www.linkedin.com/in/ana-souza,Me Myself,https://www.linkedin.com/in/me-myself,2021-01-01 10:00:00 UTC",
      "Me Myself,https://www.linkedin.com/in/me-myself,Ana Souza,,2021-01-02 10:00:00 UTC",
      "Me Myself,https://www.linkedin.com/in/me-myself,Old Friend,,2021-01-03 10:00:00 UTC",
    ].join("\n");
    const stats = await aggregateMessages(Readable.from([Buffer.from(csv)]), opts);
    expect([stats.counted, stats.people]).toEqual([3, 3]);
  });
});
