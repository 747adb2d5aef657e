import { stringify } from "csv-stringify/sync";

// The one CSV writer for every file users download (connections export, team data export,
// rejected rows), so spreadsheet safety is decided once.
//
// Quoting is the library's: `quote_record_delimiter` quotes every field holding a CR or LF (not
// only the CRLF record delimiter), besides the delimiter and the quote it always quotes.
//
// Formula neutralising (OWASP "CSV injection"): a `'` goes before a text cell, and before every
// line inside a multi-line text cell, that begins (after any double quotes) with = + - @, their
// full-width forms, a tab or a CR. Lines count because a reader that splits rows on a bare line
// break would make that line a row of its own. Numbers passed as numbers are data (-5 stays -5).
// Spreadsheets show the `'`; the text is otherwise unchanged.
//
// `;` and tab: Excel in locales whose list separator is `;` (and tab-split pastes) read our file
// with that separator and take commas and our quotes literally, so `a;=1+1` anywhere in a row
// becomes a cell `=1+1`. Quoting alone does not help there (a quote in mid-piece is text), so
// fields holding `;` or a tab are quoted (for comma readers that guess the separator) AND each
// piece after a `;` or tab that would start a formula gets the same `'`. Cost: such text shows a
// `'` after the separator (`a;'=1+1`), as multi-line cells already do.

export type TCsvCell = string | number | bigint | null | undefined;

const STARTS_FORMULA = /^"*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralizeFormula(text: string): string {
  // Even indexes are lines, odd ones the breaks between them. The first line is judged by the
  // whole text, so a cell that begins with a CR is caught too.
  const parts = text.split(/(\r\n|\r|\n)/);
  return parts.map((p, i) => (i % 2 === 0 ? neutralizeLine(p, STARTS_FORMULA.test(i === 0 ? text : p)) : p)).join("");
}

/** A line, and every piece after a `;` or tab inside it (see the header about `;` locales). */
function neutralizeLine(line: string, startsFormula: boolean): string {
  const pieces = line.split(/([;\t])/);
  const safe = pieces.map((p, i) => (i > 0 && i % 2 === 0 && STARTS_FORMULA.test(p) ? `'${p}` : p)).join("");
  return startsFormula ? `'${safe}` : safe;
}

/** Records as CSV text (CRLF after each record), every string cell neutralised. */
export function csvRecords(rows: TCsvCell[][]): string {
  return stringify(rows, {
    record_delimiter: "\r\n",
    quote_record_delimiter: true,
    quoted_match: /[;\t]/,
    cast: { string: (value) => neutralizeFormula(value) },
  });
}

/** UTF-8 byte order mark, so Excel reads accents right; goes before the header only. */
export const CSV_BOM = "\uFEFF";
