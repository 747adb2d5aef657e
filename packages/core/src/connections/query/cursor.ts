import { z } from "zod";
import { invalid } from "../../errors";
import { ID_PATTERN } from "../filter/canonical";
import { SORT_VALUE_PATTERN, sortKind } from "../filter/sql";
import { SORT_KEYS, type TSortDir, type TSortKey } from "../filter/types";

// A keyset cursor: the last row's sort value (as Postgres prints it) and id, plus the sort it
// belongs to. Opaque to clients (base64url JSON); checked on the way in, so a cursor from another
// sort or a hand-edited one is a 400 naming "cursor", never a broken query.

export type TKeyset = { value: string | null; id: string };

const ZCursor = z
  .object({ k: z.enum(SORT_KEYS), d: z.enum(["asc", "desc"]), v: z.string().nullable(), id: z.string().regex(ID_PATTERN) })
  .strict();

const MAX_CURSOR_LENGTH = 12_000;

export function encodeCursor(sort: TSortKey, dir: TSortDir, at: TKeyset): string {
  return Buffer.from(JSON.stringify({ k: sort, d: dir, v: at.value, id: at.id }), "utf8").toString("base64url");
}

const broken = () => invalid("cursor", "This page link is not valid (it was changed or cut short). Go back to the first page.");

export function decodeCursor(raw: string, sort: TSortKey, dir: TSortDir): TKeyset {
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw broken();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw broken();
  }
  const parsed = ZCursor.safeParse(json);
  if (!parsed.success) throw broken();
  const c = parsed.data;
  if (c.k !== sort || c.d !== dir) throw invalid("cursor", "This page link belongs to a different sort order. Go back to the first page.");
  if (c.v !== null && !SORT_VALUE_PATTERN[sortKind(sort)].test(c.v)) throw broken();
  return { value: c.v, id: c.id };
}
