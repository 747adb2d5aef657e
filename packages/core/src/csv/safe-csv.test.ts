import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRecords, neutralizeFormula } from "./safe-csv";
import { formulaStarts } from "./spreadsheet-safety.test-util";

describe("the safe CSV writer", () => {
  it("puts ' before a cell, and before each line of a cell, that a spreadsheet would run as a formula", () => {
    expect(neutralizeFormula("=1+1")).toBe("'=1+1");
    expect(neutralizeFormula("Follow up\n=cmd|' /C calc'!A0")).toBe("Follow up\n'=cmd|' /C calc'!A0");
    expect(neutralizeFormula("a\r@SUM(1)\r\n+1\n-2\n\tx")).toBe("a\r'@SUM(1)\r\n'+1\n'-2\n'\tx");
    expect(neutralizeFormula("\r=x")).toBe("'\r'=x"); // a cell that starts with CR, then a formula line
    expect(neutralizeFormula('"=x"')).toBe(`'"=x"`);
    expect(neutralizeFormula("＝1")).toBe("'＝1"); // full-width forms, which some spreadsheets fold
    expect(neutralizeFormula("ok - fine\nstill ok")).toBe("ok - fine\nstill ok");
  });

  it("quotes fields holding CR, LF, the delimiter or a quote; numbers stay numbers", () => {
    const text = csvRecords([["a\nb", "c\rd", "e,f", 'g"h', "plain", -5, 3, null, "-5"]]);
    expect(text).toBe(`"a\nb","c\rd","e,f","g""h",plain,-5,3,,'-5\r\n`);
    expect(parse(text)).toEqual([["a\nb", "c\rd", "e,f", 'g"h', "plain", "-5", "3", "", "'-5"]]);
    expect(formulaStarts(csvRecords([["x\n=1", "\r@2", "ok"]]))).toEqual([]);
  });

  it("quotes fields holding ; or a tab, and no cell starts a formula when a spreadsheet splits on ; or tab", () => {
    const text = csvRecords([["Acme", "a;=1+1", "b\t@SUM(1)", "c; -2", "plain;text"]]);
    expect(text).toBe(`Acme,"a;'=1+1","b\t'@SUM(1)","c; -2","plain;text"\r\n`);
    expect(parse(text)).toEqual([["Acme", "a;'=1+1", "b\t'@SUM(1)", "c; -2", "plain;text"]]);
    // Excel in locales whose list separator is ; (and tab-split pastes) ignore the commas and
    // quotes: every piece between separators must be harmless on its own.
    for (const delimiter of [";", "\t"]) {
      const cells = (parse(text, { delimiter, relax_quotes: true, relax_column_count: true, quote: false }) as string[][]).flat();
      expect(cells.filter((c) => /^"*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(c)), delimiter).toEqual([]);
    }
  });
});
