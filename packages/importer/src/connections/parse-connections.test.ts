import { describe, expect, it } from "vitest";
import { ImportFileError } from "../errors";
import { NOW, readCorpus } from "../testing/corpus";
import { parseConnectionsCsv } from "./parse-connections";

const parse = (file: string) => parseConnectionsCsv(readCorpus(file), { fileName: file, now: NOW });
const utf8 = (text: string) => new TextEncoder().encode(text);
const pick = <T, K extends keyof T>(rows: T[], ...keys: K[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe("parseConnectionsCsv: LinkedIn layouts", () => {
  it("reads the 2018 layout with US M/D/YY dates and a time", () => {
    const parsed = parse("2018-no-preamble.csv");
    expect(parsed.headerLine).toBe(1);
    expect(pick(parsed.accepted, "line", "identityKey", "connectedOn", "position")).toEqual([
      { line: 2, identityKey: "email:jane.doe@example.com", connectedOn: "2018-01-08", position: "Software Engineer" },
      { line: 3, identityKey: "name:john|smith|2017-12-24", connectedOn: "2017-12-24", position: "Manager, Sales" },
      { line: 4, identityKey: "name:ann|lee|2016-03-15", connectedOn: "2016-03-15", position: "CTO" },
    ]);
  });

  it("finds the header under the Notes preamble and keeps non-ASCII slugs canonical", () => {
    const parsed = parse("2024-preamble-url.csv");
    expect(parsed.headerLine).toBe(4);
    expect(parsed.signature).toBe("company|connected on|email address|first name|last name|position|url");
    const jorg = parsed.accepted.find((r) => r.firstName === "Jörg")!;
    expect(jorg).toMatchObject({ identityKey: "li:jörg-müller", profileUrl: "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/", line: 8 });
    expect(parsed.accepted.find((r) => r.firstName === "Liam")).toMatchObject({ company: null, position: null, email: null });
  });

  it("reports the line where a record starts, also after a multi-line quoted field", () => {
    const parsed = parse("quoted-commas-newlines.csv");
    expect(pick(parsed.accepted, "line", "firstName")).toEqual([
      { line: 5, firstName: "Ada" },
      { line: 6, firstName: "Grace" },
      { line: 9, firstName: "Alan" },
    ]);
    expect(parsed.accepted[1]!.position).toBe('Rear Admiral Inventor of the compiler "Amazing Grace"');
    expect(parsed.accepted[0]!.company).toBe("Analytical Engines, Ltd.");
  });

  it("counts lines the same with CRLF endings and a CRLF inside a quoted field", () => {
    const parsed = parse("utf8-bom-crlf.csv");
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.headers[0]).toBe("First Name"); // BOM gone
    expect(pick(parsed.accepted, "line", "firstName", "position")).toEqual([
      { line: 5, firstName: "Zoë", position: "Ingénieure systèmes" },
      { line: 7, firstName: "Łukasz", position: "Producer" },
    ]);
  });

  it("reads UTF-16LE tab-separated and windows-1252 spreadsheet saves", () => {
    const utf16 = parse("utf16le-bom-tabs.csv");
    expect([utf16.encoding, utf16.delimiter]).toEqual(["utf-16le", "\t"]);
    expect(utf16.accepted.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(["Zoë Faure", "Łukasz Zieliński", "李 娜"]);
    const cp1252 = parse("windows-1252.csv");
    expect(cp1252.encoding).toBe("windows-1252");
    expect(cp1252.accepted.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(["José Martínez", "Françoise Dubois", "Jürgen Groß"]);
    expect(cp1252.accepted[1]!.position).toBe("Analyste – Risques");
  });

  it("reads a semicolon spreadsheet save with a padded preamble and German dates", () => {
    const parsed = parse("semicolon-spreadsheet.csv");
    expect([parsed.delimiter, parsed.headerLine]).toEqual([";", 4]);
    expect(pick(parsed.accepted, "identityKey", "position", "connectedOn")).toEqual([
      { identityKey: "li:klaus-weber", position: "Head of Sales, EMEA", connectedOn: "2024-01-12" },
      { identityKey: "li:sophie-laurent", position: "Directrice, Marketing", connectedOn: "2023-11-03" },
      { identityKey: "li:anna-bianchi-1234", position: "Ingegnere; Motori", connectedOn: "2022-07-25" },
    ]);
  });

  it("maps reordered columns by name and accepts padded extra fields but not shifted ones", () => {
    expect(pick(parse("reordered-columns.csv").accepted, "identityKey", "firstName", "company")).toEqual([
      { identityKey: "li:kenji-ito", firstName: "Kenji", company: "Acme" },
      { identityKey: "li:giulia-rossi", firstName: "Giulia", company: "Globex" },
      { identityKey: "li:petr-novak", firstName: "Petr", company: "Initech" },
    ]);
    const ragged = parse("ragged-rows.csv");
    expect(ragged.accepted.map((r) => [r.line, r.company, r.connectedOn])).toEqual([
      [2, "Acme", "2024-02-01"],
      [4, "Acme", null],
    ]);
  });

  it("keeps same-named people connected on different days apart (no URL, no email)", () => {
    expect(parse("deleted-column.csv").accepted.map((r) => r.identityKey)).toEqual([
      "name:kofi|mensah|2023-04-01",
      "name:kofi|mensah|2023-04-02",
      "name:ines|silva|2023-04-03",
    ]);
  });

  it("names the earlier line of a duplicate and every problem's value", () => {
    const parsed = parse("invalid-values.csv");
    const byLine = new Map([...parsed.rejected, ...parsed.warnings].map((r) => [r.line, r]));
    expect(byLine.get(11)!.message).toContain("line 5");
    expect(byLine.get(6)!.message).toContain("not-an-email");
    expect(byLine.get(7)!.message).toContain("31 Feb 2024");
    expect(byLine.get(9)!.message).toContain("01 Jan 2031");
    expect(byLine.get(9)!.message).toContain("future");
    // A typo'd year (before 1000) is refused; a year before LinkedIn existed is not.
    expect(byLine.get(10)).toMatchObject({ field: "Connected On", code: "invalid_date" });
    expect(byLine.get(10)!.message).toContain("05 Jun 0224");
    expect(parsed.rejected.find((r) => r.line === 12)!.raw).toEqual(["", "", "", "", "Acme Only", "", ""]);
  });

  it("recovers the rows after an unclosed quote", () => {
    const parsed = parse("unclosed-quote-middle.csv");
    expect(parsed.accepted.map((r) => [r.line, r.firstName, r.position])).toEqual([
      [5, "Ada", "Dev"],
      [7, "Grace", "Rear Admiral, USN"],
      [8, "Alan", "Cryptanalyst"],
    ]);
    expect(parsed.rejected[0]!.raw).toEqual(['Broken,"Quote,https://www.linkedin.com/in/broken,,Acme,Dev,01 Feb 2024']);
    expect(parse("unclosed-quote-to-eof.csv").accepted.map((r) => r.firstName)).toEqual(["Ada", "Alan", "Bob"]);
  });
});

describe("parseConnectionsCsv: other tools", () => {
  it("PhantomBuster: ISO timestamps, fullName split, case-sensitive member ids", () => {
    expect(pick(parse("phantombuster.csv").accepted, "identityKey", "firstName", "lastName", "connectedOn", "position")).toEqual([
      { identityKey: "li:sophie-martin-42", firstName: "Sophie", lastName: "Martin", connectedOn: "2023-05-14", position: "Growth Lead at Qonto" },
      { identityKey: "li:ACoAAAB1cDEBdXyZ12345abcdeFGHIJ", firstName: "Lucas", lastName: "Bernard", connectedOn: "2022-11-02", position: "Founder" },
      { identityKey: "li:chloe-dubois", firstName: "Chloé", lastName: "Dubois", connectedOn: "2021-07-19", position: "Designer, UX" },
    ]);
  });

  it("Sales Navigator: prefers the /in/ URL, else keys by lead id without a public URL", () => {
    expect(pick(parse("sales-navigator.csv").accepted, "identityKey", "profileUrl", "email")).toEqual([
      { identityKey: "li:hana-kobayashi", profileUrl: "https://www.linkedin.com/in/hana-kobayashi/", email: null },
      { identityKey: "salesnav:ACwAAAOmarH4dd4dId99", profileUrl: null, email: "omar@example.com" },
      { identityKey: "salesnav:ACwAAALeaSchm1ttId77", profileUrl: null, email: null },
    ]);
  });

  it("LeadDelta and HubSpot", () => {
    expect(parse("leaddelta.csv").accepted.map((r) => [r.identityKey, r.firstName, r.lastName, r.connectedOn])).toEqual([
      ["li:tombecker", "Tom", "Becker", "2024-02-11"],
      ["li:nina-kowalski", "Nina", "Kowalski", "2023-12-01"],
      ["li:raj-iyer", "Raj", "Iyer", "2023-06-30"],
    ]);
    expect(parse("hubspot.csv").accepted.map((r) => [r.identityKey, r.company, r.position])).toEqual([
      ["li:grace-kim", "Samsung", "Director"],
      ["email:diego@example.mx", "Cemex", "Engineer"],
      ["li:aiko-sato", "Sony", null],
    ]);
  });

  it("Google Contacts: only LinkedIn websites become profile URLs; first of several emails", () => {
    expect(parse("google-contacts-new.csv").accepted.map((r) => [r.identityKey, r.profileUrl, r.email])).toEqual([
      ["li:marta-nowak", "https://www.linkedin.com/in/marta-nowak/", "marta@example.pl"],
      ["email:peter@example.com", null, "peter@example.com"],
      ["li:bruce-wayne", "https://www.linkedin.com/in/bruce-wayne/", null],
    ]);
    expect(parse("google-contacts-old.csv").accepted.map((r) => [r.identityKey, r.company, r.position])).toEqual([
      ["li:clark-kent", "Daily Planet", "Reporter"],
      ["name:lois|lane|", "Daily Planet", "Editor"],
    ]);
  });

  it("unknown layout: no rows read, but headers, signature and a sample for the mapping step", () => {
    const parsed = parse("unknown-layout.csv");
    expect(parsed).toMatchObject({
      format: "unknown",
      headerLine: 1,
      headers: ["Contact", "Where", "When"],
      signature: "contact|when|where",
      rows: 2,
      accepted: [],
      rejected: [],
      sample: [
        ["John Roe", "Acme", "2024"],
        ["Jane Roe", "Globex", "2023"],
      ],
    });
    const mapped = parseConnectionsCsv(readCorpus("unknown-layout.csv"), { mapping: { fullName: "Contact", company: "where" }, now: NOW });
    expect(mapped.format).toBe("mapped");
    expect(mapped.mapping).toEqual({ fullName: "Contact", company: "Where" });
    expect(mapped.accepted.map((r) => [r.identityKey, r.firstName, r.lastName, r.company])).toEqual([
      ["name:john|roe|", "John", "Roe", "Acme"],
      ["name:jane|roe|", "Jane", "Roe", "Globex"],
    ]);
  });
});

describe("parseConnectionsCsv: file-level errors and limits", () => {
  const fileError = (bytes: Uint8Array, opts = {}) => {
    try {
      parseConnectionsCsv(bytes, opts);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFileError);
      return (error as ImportFileError).code;
    }
    return null;
  };

  it("throws ImportFileError for empty, blank, binary and header-less files", () => {
    expect(fileError(new Uint8Array())).toBe("empty_file");
    expect(fileError(utf8(" \n\r\n\t"))).toBe("empty_file");
    expect(fileError(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0x14, 0]))).toBe("undecodable_text");
    expect(fileError(utf8("Notes:\n\n,,,\n"))).toBe("no_header");
  });

  it("refuses more rows than maxRows, counting data rows only", () => {
    const text = ["First Name,Last Name,URL", "a,b,https://www.linkedin.com/in/a", "c,d,https://www.linkedin.com/in/c", "", ""].join("\n");
    expect(fileError(utf8(text), { maxRows: 1 })).toBe("too_many_rows");
    expect(fileError(utf8(text), { maxRows: 2 })).toBeNull();
  });

  it("parses 30,000 rows quickly", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const lines = ["Notes:", '"A note, with commas."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"];
    for (let i = 0; i < 30_000; i++) {
      const email = i % 40 === 0 ? `p${i}@example.com` : "";
      const date = `${String(1 + (i % 28)).padStart(2, "0")} ${months[i % 12]} ${2005 + (i % 20)}`;
      lines.push(`First${i},Last${i},https://www.linkedin.com/in/person-${i}-x,${email},"Company ${i}, Inc",Head of Things,${date}`);
    }
    const bytes = utf8(lines.join("\n"));
    parseConnectionsCsv(bytes, { now: NOW }); // warm-up: the first run also compiles
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const parsed = parseConnectionsCsv(bytes, { now: NOW });
      times.push(performance.now() - start);
      expect(parsed.accepted.length).toBe(30_000);
    }
    const best = Math.min(...times);
    console.log(`30,000 rows parsed in ${best.toFixed(0)} ms (best of 3: ${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
    expect(best).toBeLessThan(1500);
  });
});
