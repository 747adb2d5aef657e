import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { emptyTable, enumType, schemaShapeFromPrisma, type TSchemaShape, type TTableShape } from "./schema-shape";

// Drift check without the schema engine: compare what schema.prisma describes with what the
// migrations actually built, as read from pg_catalog. It covers what Prisma models (tables,
// columns, types, nullability, default presence, enums, keys, indexes, foreign keys), not
// default values, index names/sort order, or anything hand-written such as RLS policies.

export const DEFAULT_SCHEMA_PATH = path.resolve(import.meta.dirname, "../../../../prisma/schema.prisma");

const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** Reads the shape of `schema` (default public) in the database `client` is connected to. */
export async function readDatabaseShape(client: pg.ClientBase, schema = "public"): Promise<TSchemaShape> {
  const shape: TSchemaShape = { tables: new Map(), enums: new Map() };
  const table = (name: string): TTableShape => {
    let t = shape.tables.get(name);
    if (!t) shape.tables.set(name, (t = emptyTable()));
    return t;
  };

  const tables = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const r of tables.rows) table(r.relname);

  const columns = await client.query<{ tbl: string; col: string; type: string; enum: string | null; is_array: boolean; notnull: boolean; hasdef: boolean }>(
    `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN t.typtype = 'e' THEN t.typname WHEN et.typtype = 'e' THEN et.typname END AS enum,
            et.oid IS NOT NULL AS is_array, a.attnotnull AS notnull,
            (a.atthasdef OR a.attidentity <> '') AS hasdef
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema],
  );
  for (const r of columns.rows) {
    const type = r.enum ? `${enumType(r.enum)}${r.is_array ? "[]" : ""}` : r.type;
    table(r.tbl).columns.set(r.col, { type, nullable: !r.notnull, hasDefault: r.hasdef });
  }

  const enums = await client.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname`,
    [schema],
  );
  for (const r of enums.rows) shape.enums.set(r.name, r.labels);

  // Key columns only (INCLUDE columns excluded); an expression shows as "(expression)".
  const indexes = await client.query<{ tbl: string; primary: boolean; unique: boolean; cols: string[] }>(
    `SELECT c.relname AS tbl, ix.indisprimary AS primary, ix.indisunique AS unique,
            array(SELECT coalesce(a.attname::text, '(expression)')
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
                   WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord)::text[] AS cols
       FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
    [schema],
  );
  for (const r of indexes.rows) {
    // Prisma cannot model an index on an expression: such indexes are hand-written in migrations
    // (the connections table's sort keys), like RLS policies, and not compared.
    if (r.cols.includes("(expression)")) continue;
    const t = table(r.tbl);
    if (r.primary) t.primaryKey = r.cols;
    else t.indexes.add(`${r.unique ? "unique" : "index"}|${r.cols.join(",")}`);
  }

  const fks = await client.query<{ tbl: string; ref: string; cols: string[]; refcols: string[]; del: string; upd: string }>(
    `SELECT c.relname AS tbl, rc.relname AS ref, con.confdeltype AS del, con.confupdtype AS upd,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS cols,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS refcols
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  for (const r of fks.rows) {
    table(r.tbl).foreignKeys.set(`${r.cols.join(",")}|${r.ref}|${r.refcols.join(",")}`, {
      onDelete: ACTIONS[r.del] ?? r.del,
      onUpdate: ACTIONS[r.upd] ?? r.upd,
    });
  }
  return shape;
}

const q = (name: string) => `"${name}"`;
const cols = (list: string) => `(${list.split(",").map(q).join(", ")})`;
const IN_SCHEMA = "in schema.prisma, missing in database";
const IN_DB = "in database, not in schema.prisma";

/** Human-readable differences between the expected (schema.prisma) and actual (database) shapes. */
export function diffShapes(expected: TSchemaShape, actual: TSchemaShape): string[] {
  const out: string[] = [];

  for (const [name, values] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) out.push(`enum ${q(name)}: ${IN_SCHEMA}`);
    else if (got.join(",") !== values.join(",")) {
      out.push(`enum ${q(name)}: values [${values.join(", ")}] in schema.prisma, [${got.join(", ")}] in database`);
    }
  }
  for (const name of actual.enums.keys()) if (!expected.enums.has(name)) out.push(`enum ${q(name)}: ${IN_DB}`);

  for (const [name, want] of expected.tables) {
    const got = actual.tables.get(name);
    if (!got) out.push(`table ${q(name)}: ${IN_SCHEMA}`);
    else if (!want.opaque) out.push(...diffTable(name, want, got));
  }
  for (const name of actual.tables.keys()) if (!expected.tables.has(name)) out.push(`table ${q(name)}: ${IN_DB}`);
  return out;
}

function diffTable(t: string, want: TTableShape, got: TTableShape): string[] {
  const out: string[] = [];
  for (const [name, w] of want.columns) {
    const g = got.columns.get(name);
    const where = `column ${q(t)}.${q(name)}`;
    if (!g) {
      out.push(`${where}: ${IN_SCHEMA}`);
      continue;
    }
    if (g.type !== w.type) out.push(`${where}: type ${w.type} in schema.prisma, ${g.type} in database`);
    if (g.nullable !== w.nullable) {
      const say = (nullable: boolean) => (nullable ? "nullable" : "NOT NULL");
      out.push(`${where}: ${say(w.nullable)} in schema.prisma, ${say(g.nullable)} in database`);
    }
    if (g.hasDefault !== w.hasDefault) {
      const say = (d: boolean) => (d ? "has a default" : "no default");
      out.push(`${where}: ${say(w.hasDefault)} in schema.prisma, ${say(g.hasDefault)} in database`);
    }
  }
  for (const name of got.columns.keys()) {
    if (!want.columns.has(name)) out.push(`column ${q(t)}.${q(name)}: ${IN_DB}`);
  }

  const pk = (k: string[] | null) => (k ? cols(k.join(",")) : "none");
  if (pk(want.primaryKey) !== pk(got.primaryKey)) {
    out.push(`primary key ${q(t)}: ${pk(want.primaryKey)} in schema.prisma, ${pk(got.primaryKey)} in database`);
  }

  const index = (key: string) => {
    const [kind = "", list = ""] = key.split("|");
    return `${kind === "unique" ? "unique index" : "index"} ${q(t)}${cols(list)}`;
  };
  for (const key of want.indexes) if (!got.indexes.has(key)) out.push(`${index(key)}: ${IN_SCHEMA}`);
  for (const key of got.indexes) if (!want.indexes.has(key)) out.push(`${index(key)}: ${IN_DB}`);

  const fk = (key: string) => {
    const [from = "", ref = "", to = ""] = key.split("|");
    return `foreign key ${q(t)}${cols(from)} -> ${q(ref)}${cols(to)}`;
  };
  for (const [key, w] of want.foreignKeys) {
    const g = got.foreignKeys.get(key);
    if (!g) out.push(`${fk(key)}: ${IN_SCHEMA}`);
    else {
      if (g.onDelete !== w.onDelete) out.push(`${fk(key)}: onDelete ${w.onDelete} in schema.prisma, ${g.onDelete} in database`);
      if (g.onUpdate !== w.onUpdate) out.push(`${fk(key)}: onUpdate ${w.onUpdate} in schema.prisma, ${g.onUpdate} in database`);
    }
  }
  for (const key of got.foreignKeys.keys()) if (!want.foreignKeys.has(key)) out.push(`${fk(key)}: ${IN_DB}`);
  return out;
}

/**
 * Lists every way the database at `databaseUrl` differs from schema.prisma; empty means in sync.
 * Example entry: `column "User"."nickname": in schema.prisma, missing in database`.
 */
export async function diffSchemaAgainstDatabase(
  databaseUrl: string,
  opts: { schemaPath?: string; dbSchema?: string } = {},
): Promise<string[]> {
  const expected = schemaShapeFromPrisma(await readFile(opts.schemaPath ?? DEFAULT_SCHEMA_PATH, "utf8"));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return diffShapes(expected, await readDatabaseShape(client, opts.dbSchema));
  } finally {
    await client.end();
  }
}
