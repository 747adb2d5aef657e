import type { TFormat, TRowError } from "../types";
import { parseConnectionsCsv } from "./parse-connections";

export interface TInspection {
  format: TFormat;
  rows: number;
  accepted: number;
  rejected: number;
  /** Date-only rows of members LinkedIn hides: skipped, not rejected. */
  hidden: number;
  errors: Array<{ line: number; field: string; code: string; message: string }>;
  /** Fields left blank (or rows repaired) on accepted rows. */
  warnings: Array<{ line: number; field: string; code: string; message: string }>;
}

/**
 * A summary for the CLI and the upload preview: counts plus every problem. An unrecognised
 * layout counts all rows as rejected, with one header-level error asking for a mapping.
 */
export function inspectConnections(bytes: Uint8Array, fileName: string): TInspection {
  const parsed = parseConnectionsCsv(bytes, { fileName });
  if (parsed.format === "unknown") {
    return {
      format: parsed.format,
      rows: parsed.rows,
      accepted: 0,
      rejected: parsed.rows,
      hidden: 0,
      warnings: [],
      errors: [
        {
          line: parsed.headerLine ?? 1,
          field: "(header)",
          code: "unknown_format",
          message: `The columns of ${fileName} (${clip(parsed.headers.join(", "))}) were not recognised as a LinkedIn or contacts export; a column mapping (which column is the first name, last name, profile URL...) is needed to import this file.`,
        },
      ],
    };
  }
  return {
    format: parsed.format,
    rows: parsed.rows,
    accepted: parsed.accepted.length,
    rejected: parsed.rejected.length,
    hidden: parsed.hidden,
    errors: parsed.rejected.map(({ line, field, code, message }: TRowError) => ({ line, field, code, message })),
    warnings: parsed.warnings.map(({ line, field, code, message }: TRowError) => ({ line, field, code, message })),
  };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
