import { parse } from "csv-parse/sync";

// What a spreadsheet opening one of our CSV files could run as a formula. A cell starts a formula
// when it begins with = + - @ (or their full-width forms), a tab or a CR, possibly behind double
// quotes. We look at every cell a real parser reads, every line inside a multi-line cell, and every
// raw line of the file, as a reader that splits rows on any line break (or on an unquoted one)
// would see it. A plain number (-5) is data, not a formula.

const TRIGGER = /^"*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function formulaStarts(csv: string | Buffer): string[] {
  const text = (typeof csv === "string" ? csv : csv.toString("utf8")).replace(/^\uFEFF/, "");
  const bad: string[] = [];
  for (const record of parse(text, { relax_column_count: true }) as string[][]) {
    for (const cell of record) {
      for (const line of cell.split(/\r\n|\r|\n/)) if (TRIGGER.test(line) && !NUMBER.test(line)) bad.push(`cell line: ${JSON.stringify(line)}`);
    }
  }
  for (const line of text.split(/\r\n|\r|\n/)) if (TRIGGER.test(line) && !NUMBER.test(line.split(",")[0]!)) bad.push(`raw line: ${JSON.stringify(line)}`);
  return bad;
}

/** A note a user could write: harmless on its own line in the app, a formula row if a CSV breaks there. */
export const MULTILINE_FORMULA = "Follow up next week\n=cmd|' /C calc'!A0";
/** The same through a bare CR, which old Mac files and some spreadsheets treat as a row break. */
export const CR_FORMULA = "Acme\r@SUM(1+1)*cmd|' /C calc'!A0";
