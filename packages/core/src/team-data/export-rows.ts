import { withTeamSql } from "@crm/db";
import { CSV_BOM, csvRecords, type TCsvCell } from "../csv/safe-csv";
import { columnName, isoSql, type TExportFile } from "./export-files";

// Reading a table for the export in keyset batches (one short transaction each, so a 30k-row
// network never sits in memory or holds a long transaction) and encoding the rows as CSV or JSON.

const BATCH = 2000;

/** data_type of every column of the exported tables, from the catalog. */
export type TColumnTypes = Map<string, Map<string, string>>;

export async function loadColumnTypes(teamId: string, tables: string[]): Promise<TColumnTypes> {
  const { rows } = await withTeamSql(teamId, (c) =>
    c.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [tables],
    ),
  );
  const out: TColumnTypes = new Map();
  for (const r of rows) {
    if (!out.has(r.table_name)) out.set(r.table_name, new Map());
    out.get(r.table_name)!.set(r.column_name, r.data_type);
  }
  return out;
}

function typeOf(types: TColumnTypes, spec: TExportFile, col: string): string {
  const t = types.get(spec.table)?.get(col);
  if (!t) throw new Error(`export: ${spec.table}.${col} is not a column`);
  return t;
}

/** Timestamps as ISO 8601 UTC text, dates as YYYY-MM-DD, JSON and enums as text. */
function selectSql(spec: TExportFile, types: TColumnTypes): string {
  const cols = spec.columns.map((c) => {
    if (typeof c !== "string") return `${c.sql} AS "${c.name}"`;
    const ref = `t."${c}"`;
    const type = typeOf(types, spec, c);
    if (type === "timestamp without time zone") return `${isoSql(ref)} AS "${c}"`;
    if (type === "timestamp with time zone") return `${isoSql(`${ref} AT TIME ZONE 'UTC'`)} AS "${c}"`;
    if (type === "date") return `to_char(${ref}, 'YYYY-MM-DD') AS "${c}"`;
    if (type === "jsonb" || type === "json" || type === "USER-DEFINED") return `${ref}::text AS "${c}"`;
    return `${ref} AS "${c}"`;
  });
  // The keys as text round-trip exactly (a timestamp through a JS Date would not).
  const keys = spec.key.map((k, i) => `t."${k}"::text AS "__k${i}"`);
  return [...cols, ...keys].join(", ");
}

export async function countRows(teamId: string, spec: TExportFile): Promise<number> {
  const { rows } = await withTeamSql(teamId, (c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${spec.table}" WHERE "teamId" = $1`, [teamId]));
  return rows[0]?.n ?? 0;
}

export type TRow = Record<string, unknown>;

/** The team's rows of one table, in key order, a batch at a time. */
export async function* readBatches(teamId: string, spec: TExportFile, types: TColumnTypes, batch = BATCH): AsyncGenerator<TRow[]> {
  const select = selectSql(spec, types);
  const keyList = spec.key.map((k) => `t."${k}"`).join(", ");
  let after: string[] | null = null;
  for (;;) {
    const params: unknown[] = [teamId, batch];
    let where = `t."teamId" = $1`;
    if (after) {
      where += ` AND (${keyList}) > (${after.map((_, i) => `$${i + 3}`).join(", ")})`;
      params.push(...after);
    }
    const sql = `SELECT ${select} FROM "${spec.table}" t ${spec.joins ?? ""} WHERE ${where} ORDER BY ${keyList} LIMIT $2`;
    const { rows } = await withTeamSql(teamId, (c) => c.query<TRow>(sql, params));
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = spec.key.map((_, i) => last[`__k${i}`] as string);
    yield rows;
    if (rows.length < batch) return;
  }
}

/** Numbers stay numbers; text (neutralised by the shared writer) for the rest. */
function cell(v: unknown): TCsvCell {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return v.map((x) => String(x)).join("; ");
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/**
 * CSV for spreadsheets, through the shared safe writer (csv/safe-csv.ts, the same rules as every
 * other download): UTF-8 with BOM, CRLF, line breaks quoted, formulas neutralised line by line.
 */
export async function* encodeCsv(spec: TExportFile, batches: AsyncIterable<TRow[]>, onRows: (n: number) => void): AsyncGenerator<Buffer> {
  const names = spec.columns.map(columnName);
  yield Buffer.from(CSV_BOM + csvRecords([names]), "utf8");
  for await (const rows of batches) {
    yield Buffer.from(csvRecords(rows.map((r) => names.map((n) => cell(r[n])))), "utf8");
    onRows(rows.length);
  }
}

/** JSON for nested data (ICP definitions): one array of objects, JSON columns as real JSON. */
export async function* encodeJson(spec: TExportFile, types: TColumnTypes, batches: AsyncIterable<TRow[]>, onRows: (n: number) => void): AsyncGenerator<Buffer> {
  const names = spec.columns.map(columnName);
  const isJson = new Set(names.filter((n) => ["json", "jsonb"].includes(types.get(spec.table)?.get(n) ?? "")));
  let first = true;
  yield Buffer.from("[");
  for await (const rows of batches) {
    const parts = rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const n of names) o[n] = isJson.has(n) && typeof r[n] === "string" ? JSON.parse(r[n] as string) : (r[n] ?? null);
      const s = (first ? "\n  " : ",\n  ") + JSON.stringify(o);
      first = false;
      return s;
    });
    yield Buffer.from(parts.join(""), "utf8");
    onRows(rows.length);
  }
  yield Buffer.from(first ? "]\n" : "\n]\n");
}
