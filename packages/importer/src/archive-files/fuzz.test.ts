import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOW, readCorpus } from "../testing/corpus";
import { assertRejectedRows, csvishText, mutate, mutation, resolvesOrFileError, returnsOrFileError } from "../testing/fuzz";
import { parseEndorsements } from "./endorsements";
import { parseInvitations } from "./invitations";
import { aggregateMessages } from "./messages";
import { parseRecommendations } from "./recommendations";

const encode = (text: string) => new TextEncoder().encode(text);
const opts = { now: NOW };

const checks = {
  invitations: (bytes: Uint8Array) =>
    returnsOrFileError(
      () => parseInvitations(bytes, opts),
      (r) => {
        expect(r.rows.length + r.rejected.length).toBe(r.total);
        assertRejectedRows(r.rejected, "Invitations.csv");
      },
    ),
  endorsements: (bytes: Uint8Array) =>
    returnsOrFileError(
      () => parseEndorsements(bytes, opts),
      (r) => {
        const counted = [...r.endorsers.values()].reduce((n, e) => n + e.count, 0);
        expect(counted + r.rejected.length).toBe(r.rows);
        assertRejectedRows(r.rejected, "Endorsement_Received_Info.csv");
      },
    ),
  recommendations: (bytes: Uint8Array) =>
    returnsOrFileError(
      () => parseRecommendations(bytes, opts),
      (r) => {
        expect(r.rows.length + r.rejected.length).toBe(r.total);
        assertRejectedRows(r.rejected, "Recommendations_Received.csv");
      },
    ),
};

const HEADERS = {
  invitations: "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
  endorsements: "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n",
  recommendations: "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n",
};
const SAMPLES = {
  invitations: "silkyrich__linkedin-export-viewer__Invitations.csv",
  endorsements: "silkyrich__linkedin-export-viewer__Endorsement_Received_Info.csv",
  recommendations: "silkyrich__linkedin-export-viewer__Recommendations_Received.csv",
};

describe("side-file parsers never fail on bad input (fuzz)", () => {
  for (const kind of ["invitations", "endorsements", "recommendations"] as const) {
    it(`${kind}: random bytes, CSV-ish text and mutated samples`, () => {
      const check = checks[kind];
      const sample = readCorpus(SAMPLES[kind]).subarray(0, 8_000);
      fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => check(bytes)), { numRuns: 100 });
      fc.assert(fc.property(csvishText, (body) => check(encode(HEADERS[kind] + body))), { numRuns: 200 });
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.option(fc.nat({ max: 8_000 })), (edits, cut) =>
          check(mutate(sample, edits, cut ?? undefined)),
        ),
        { numRuns: 100 },
      );
    });
  }

  it("messages: random bytes, CSV-ish text and mutated samples, streamed in odd chunks", async () => {
    const header = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n";
    const sample = readCorpus("YANG-DB__linked-knowledge__Messages.csv");
    const run = (bytes: Uint8Array, chunk: number) =>
      resolvesOrFileError(
        () => aggregateMessages(Readable.from(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk))), opts),
        (stats) => {
          expect(stats.counted + stats.skipped + stats.rejectedCount).toBe(stats.rows);
          assertRejectedRows(stats.rejected, "messages.csv");
        },
      );
    const chunk = fc.integer({ min: 1, max: 300 });
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), chunk, run), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(csvishText, chunk, (body, size) => run(encode(header + body), size)), { numRuns: 150 });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.option(fc.nat({ max: sample.length })), chunk, (edits, cut, size) =>
        run(mutate(sample, edits, cut ?? undefined), size),
      ),
      { numRuns: 100 },
    );
  });
});
