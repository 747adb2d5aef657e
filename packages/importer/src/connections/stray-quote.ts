import { parse } from "csv-parse/sync";

// A hand-edited export can carry a stray quote: `"Rahul,"Jones, Jr.",…`. The relaxed reader
// keeps it as text and splits the row in the wrong places (first name `"Rahul,"Jones`), so the
// person would be stored under garbage names. Such a row is repaired when removing exactly one
// quote makes it a well-formed row of the header's width, and rejected otherwise.

/** Lines with more quotes than this are not searched for a repair (each try is a parse). */
const MAX_QUOTES = 12;

export type TQuoteCheck = { kind: "ok" } | { kind: "repaired"; fields: string[] } | { kind: "broken" };

/**
 * Whether the relaxed reading of a record shows a quote that opened a field and closed early
 * (cheap, no parse). A quote inside or at the end of an unquoted value (`27" screen`) is text.
 */
export function hasQuoteLeftovers(fields: readonly string[]): boolean {
  for (const f of fields) if (f.startsWith('"')) return true;
  return false;
}

/** Checks one physical line strictly; `width` is the header's number of columns. */
export function checkQuotes(line: string, delimiter: string, width: number): TQuoteCheck {
  const strict = strictFields(line, delimiter);
  // Where strict reading succeeds, the relaxed reading was the same: nothing is misplaced.
  if (strict) return { kind: "ok" };
  const found = new Map<string, string[]>();
  let quotes = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) {
    if (++quotes > MAX_QUOTES) return { kind: "broken" };
    const fields = strictFields(line.slice(0, at) + line.slice(at + 1), delimiter);
    if (fields && aligns(fields, width) && !fields.some((f) => f.includes('"'))) found.set(JSON.stringify(fields), fields);
  }
  // Two different repairs would be a guess between two readings of the row.
  return found.size === 1 ? { kind: "repaired", fields: [...found.values()][0]! } : { kind: "broken" };
}

function strictFields(line: string, delimiter: string): string[] | null {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const records: string[][] = parse(line, { delimiter, relax_column_count: true, relax_quotes: false });
    return records.length === 1 ? records[0]! : null;
  } catch {
    return null;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function aligns(fields: readonly string[], width: number): boolean {
  if (fields.length < width) return false;
  return fields.slice(width).every((f) => f.trim() === "");
}
