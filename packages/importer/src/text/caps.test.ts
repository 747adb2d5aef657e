import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { aggregateMessages } from "../archive-files/messages";
import { parseInvitations } from "../archive-files/invitations";
import { parseConnectionsCsv } from "../connections/parse-connections";
import { ImportFileError } from "../errors";
import { NOW } from "../testing/corpus";

// Issue 15 item 1: caps are enforced while records are read, so a hostile file is refused
// before its records are held (a 5 MB file of 2.5M one-character lines killed a 384 MB worker).

const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

function fileError(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error("expected an ImportFileError");
}

describe("streaming caps", () => {
  it("refuses a header + 2.5 million one-character lines quickly, holding no more than the cap", () => {
    const bytes = Buffer.from(HEADER + "a\n".repeat(2_500_000));
    const started = performance.now();
    const error = fileError(() => parseConnectionsCsv(bytes, { now: NOW }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe("too_many_rows");
    expect(error.message).toBe("Connections.csv has more than 60,000 rows; at most 60,000 can be imported at once. Split the file and import the parts.");
    // Reading stops at the cap: a fraction of the 2.5M lines is ever parsed.
    expect(elapsed).toBeLessThan(3_000);
  });

  it("refuses a file whose rows carry millions of values (total-field cap)", () => {
    const row = "a,".repeat(2_500) + "\n"; // 2,501 fields per line, 5 KB: well under the row-length limit
    const error = fileError(() => parseConnectionsCsv(Buffer.from(HEADER + row.repeat(1_300)), { now: NOW }));
    expect(error.code).toBe("too_many_values");
    expect(error.message).toContain("more than 3,000,000 values");
  });

  it("refuses a side file above its row cap (Invitations.csv)", () => {
    const head = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
    const error = fileError(() => parseInvitations(Buffer.from(head + "a,b,,,OUTGOING,,\n".repeat(250_000)), { now: NOW }));
    expect(error.code).toBe("too_many_rows");
    expect(error.message).toContain("Invitations.csv has more than 200,000 rows");
  });

  it("refuses a messages.csv naming more distinct people than any real account holds", async () => {
    const head = "CONVERSATION ID,FROM,TO,DATE,CONTENT\n";
    const lines = Array.from({ length: 250_001 }, (_, i) => `c,P${i},Me,2024-01-01 10:00:00 UTC,hi\n`);
    const error = await aggregateMessages(Readable.from([Buffer.from(head + lines.join(""))]), { now: NOW }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe("too_many_values");
    expect((error as ImportFileError).message).toContain("messages.csv names more than 200,000 different people");
  });

  it("reports a valid 3 MB unquoted field as over the record-length limit, not as an unclosed quote", () => {
    const line = `Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,${"x".repeat(3 * 1024 * 1024)},01 Jan 2024`;
    expect(line.length).toBe(3_145_790);
    const csv = `${HEADER}${line}\nBo,Ek,https://www.linkedin.com/in/bo-ek,,Acme,CTO,02 Jan 2024\n`;
    const parsed = parseConnectionsCsv(Buffer.from(csv), { now: NOW });
    expect(parsed.accepted.map((r) => r.line)).toEqual([3]);
    expect(parsed.rejected).toHaveLength(1);
    const [r] = parsed.rejected;
    expect([r!.line, r!.field, r!.code]).toEqual([2, "(row)", "too_long"]);
    expect(r!.message).toBe("This row is 3,145,790 characters long; a row may have at most 262,144 characters, so it was not read. Shorten its longest value.");
    expect(r!.message).not.toContain("quote");
    // The stored copy of the row is clipped: the rejected rows must not hold megabytes.
    expect(r!.raw.join("").length).toBeLessThan(20_000);
  });
});
