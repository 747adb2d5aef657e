import { stringify } from "csv-stringify/sync";
import { neutralizeFormula } from "../imports/queries";
import type { TTeamContext } from "../teams/membership";
import type { TConnectionFilter } from "./filter/types";
import { iterateConnections, type TConnectionRow } from "./query/list";

// CSV export of what the table shows: every column, tags joined, one row per connection. Streamed
// in keyset batches so a 30,000-row export never sits in memory as one string. Cells a spreadsheet
// would run as a formula are neutralised; UTF-8 with a BOM so Excel reads accents right.

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

function cell(v: string | number | boolean | null): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return neutralizeFormula(String(v));
}

export function connectionCsvRows(rows: TConnectionRow[]): string {
  return stringify(
    rows.map((r) => COLUMNS.map(([, get]) => cell(get(r)))),
    { record_delimiter: "\r\n" },
  );
}

/** The CSV, chunk by chunk: BOM and header first, then one chunk per batch of rows. */
export async function* connectionsCsv(ctx: TTeamContext, filter: TConnectionFilter, opts: { ids?: string[] } = {}): AsyncGenerator<string> {
  yield "\uFEFF" + stringify([EXPORT_HEADER], { record_delimiter: "\r\n" });
  const only = opts.ids ? new Set(opts.ids) : null;
  for await (const batch of iterateConnections(ctx, filter, 1000)) {
    const rows = only ? batch.filter((r) => only.has(r.id)) : batch;
    if (rows.length) yield connectionCsvRows(rows);
  }
}
