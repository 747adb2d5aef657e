import type { TCsvRecord } from "../text/csv";
import type { TFormat } from "../types";
import { FORMAT_DEFS, normalizeHeader, type TFormatDef } from "./formats";

export { normalizeHeader } from "./formats";

export interface THeaderRow {
  /** Index of the header within the records it was found in. */
  index: number;
  line: number;
  /** Header names as written (trimmed), without the empty cells a spreadsheet pads rows with. */
  headers: string[];
  normalized: string[];
  format: TFormat;
  def: TFormatDef | null;
}

/** How far down the preamble (LinkedIn's "Notes:" block, spreadsheet junk) a header may be. */
const HEADER_SCAN_RECORDS = 30;

/**
 * Finds the header row by its content. A row naming a known layout wins; otherwise the first
 * row that looks like column names (two or more short, non-data cells) is the header of an
 * unknown layout. Preamble lines have a single non-empty cell, so they are never chosen.
 */
export function findHeader(records: readonly TCsvRecord[]): THeaderRow | null {
  let fallback: THeaderRow | null = null;
  let singleCell: THeaderRow | null = null;
  const limit = Math.min(records.length, HEADER_SCAN_RECORDS);
  for (let index = 0; index < limit; index++) {
    const record = records[index]!;
    if (record.malformed) continue;
    const headers = trimTrailingEmpty(record.fields.map((f) => f.replace(/^\uFEFF/, "").trim()));
    const normalized = headers.map(normalizeHeader);
    const def = detectFormat(normalized);
    const row: THeaderRow = { index, line: record.line, headers, normalized, format: def?.format ?? "unknown", def };
    if (def) return row;
    const cells = headers.filter((h) => h !== "");
    if (!cells.every(looksLikeHeaderCell)) continue;
    if (cells.length >= 2) fallback ??= row;
    else if (cells.length === 1 && normalized[0] !== "notes:") singleCell ??= row;
  }
  return fallback ?? singleCell;
}

export function detectFormat(normalized: readonly string[]): TFormatDef | null {
  const present = new Set(normalized);
  const has = (header: string) => present.has(header);
  return FORMAT_DEFS.find((def) => def.recognise(has)) ?? null;
}

/** Sorted normalised header names: the same header set gives the same remembered mapping. */
export function headerSignature(headers: readonly string[]): string {
  return headers
    .map(normalizeHeader)
    .filter((h) => h !== "")
    .sort()
    .join("|");
}

function looksLikeHeaderCell(cell: string): boolean {
  return cell.length <= 100 && !cell.includes("@") && !/^(https?:\/\/|www\.)/i.test(cell);
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return end === cells.length ? cells : cells.slice(0, end);
}
