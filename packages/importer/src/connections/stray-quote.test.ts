import { describe, expect, it } from "vitest";
import { NOW } from "../testing/corpus";
import { parseConnectionsCsv } from "./parse-connections";
import { checkQuotes } from "./stray-quote";

const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

describe("stray quotes (issue 16 item 7)", () => {
  it("repairs a row when removing exactly one quote makes it well-formed", () => {
    expect(checkQuotes('"Rahul,"Jones, Jr.",https://www.linkedin.com/in/rahul,,Acme,Dev,01 Jan 2024', ",", 7)).toEqual({
      kind: "repaired",
      fields: ["Rahul", "Jones, Jr.", "https://www.linkedin.com/in/rahul", "", "Acme", "Dev", "01 Jan 2024"],
    });
  });

  it("rejects a row that no single quote removal repairs", () => {
    expect(checkQuotes('"Ana,"Lima, "Jr.",https://www.linkedin.com/in/ana,,Acme,Dev,01 Jan 2024', ",", 7)).toEqual({ kind: "broken" });
  });

  it("leaves well-formed quoting and quotes inside unquoted values alone", () => {
    expect(checkQuotes('"""Bob"" Smith",Lee,https://www.linkedin.com/in/bob,,Acme,Dev,01 Jan 2024', ",", 7)).toEqual({ kind: "ok" });
    const parsed = parseConnectionsCsv(
      Buffer.from(`${HEADER}Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Sells 27" screens,02 Jan 2024\nRobert "Bob",Smith,https://www.linkedin.com/in/bob-smith,,Acme,CTO,02 Jan 2024\n`),
      { now: NOW },
    );
    expect(parsed.accepted.map((r) => [r.firstName, r.position])).toEqual([
      ["Ann", 'Sells 27" screens'],
      ['Robert "Bob"', "CTO"],
    ]);
    expect([parsed.rejected, parsed.warnings]).toEqual([[], []]);
  });
});
