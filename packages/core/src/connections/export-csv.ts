import { CSV_BOM, csvRecords, type TCsvCell } from "../csv/safe-csv";
import type { TTeamContext } from "../teams/membership";
import type { TConnectionFilter } from "./filter/types";
import { iterateConnections, type TConnectionRow } from "./query/list";

// CSV export of what the table shows: every column, tags joined, one row per connection. Streamed
// in keyset batches so a 30,000-row export never sits in memory as one string. Written by the
// shared safe CSV writer (csv/safe-csv.ts): line breaks quoted, formulas neutralised, BOM first.

const COLUMNS: Array<[string, (r: TConnectionRow) => string | number | boolean | null]> = [
  ["First name", (r) => r.firstName],
  ["Last name", (r) => r.lastName],
  ["Email", (r) => r.email],
  ["Position", (r) => r.position],
  ["Company", (r) => r.company],
  ["Seniority", (r) => r.seniority],
  ["Function", (r) => r.function],
  ["Tags", (r) => r.tags.map((t) => t.name).join("; ")],
  ["ICP score", (r) => r.score],
  ["ICP fit", (r) => r.fit],
  ["Flags", (r) => r.flags.map((f) => f.label).join("; ")],
  ["Connected on", (r) => r.connectedOn],
  ["Last interaction", (r) => r.lastInteractionAt],
  ["Messages", (r) => r.messageCount],
  ["Endorsed me", (r) => r.endorsedMe],
  ["Recommended me", (r) => r.recommendedMe],
  ["Status", (r) => r.status],
  ["LinkedIn account", (r) => r.accountLabel],
  ["Profile URL", (r) => r.profileUrl],
  ["Connection id", (r) => r.id],
];

export const EXPORT_HEADER = COLUMNS.map(([h]) => h);

/** Text is neutralised by the shared writer; numbers stay numbers. */
function cell(v: string | number | boolean | null): TCsvCell {
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

export function connectionCsvRows(rows: TConnectionRow[]): string {
  return csvRecords(rows.map((r) => COLUMNS.map(([, get]) => cell(get(r)))));
}

/** The CSV, chunk by chunk: BOM and header first, then one chunk per batch of rows. */
export async function* connectionsCsv(ctx: TTeamContext, filter: TConnectionFilter, opts: { ids?: string[] } = {}): AsyncGenerator<string> {
  yield CSV_BOM + csvRecords([EXPORT_HEADER]);
  const only = opts.ids ? new Set(opts.ids) : null;
  for await (const batch of iterateConnections(ctx, filter, 1000)) {
    const rows = only ? batch.filter((r) => only.has(r.id)) : batch;
    if (rows.length) yield connectionCsvRows(rows);
  }
}
