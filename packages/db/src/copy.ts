import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// COPY ... FROM STDIN in text format: the fastest way to move many rows into Postgres (one round
// trip, no per-row parsing of SQL). Values are escaped here; callers pass plain JS values.

export type TCopyValue = string | number | boolean | Date | null | undefined | string[];

const escapeText = (s: string) => s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const arrayLiteral = (items: string[]) => `{${items.map((i) => `"${i.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;

function encode(v: TCopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  if (v instanceof Date) return v.toISOString();
  // NUL cannot be stored in a Postgres text value; uploaded files can contain one.
  return escapeText(String(v).replace(/\u0000/g, "\uFFFD"));
}

function* lines(rows: Iterable<TCopyValue[]>, batch = 500): Generator<string> {
  let buf: string[] = [];
  for (const row of rows) {
    buf.push(row.map(encode).join("\t"));
    if (buf.length >= batch) {
      yield buf.join("\n") + "\n";
      buf = [];
    }
  }
  if (buf.length) yield buf.join("\n") + "\n";
}

/** COPY `rows` into `table` (a quoted identifier or a temp table name) with these columns. */
export async function copyRows(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<TCopyValue[]>): Promise<void> {
  const cols = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(", ");
  const sink = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
  await pipeline(Readable.from(lines(rows)), sink);
}
