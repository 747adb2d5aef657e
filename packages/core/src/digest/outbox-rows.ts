import type { TRawTx } from "@crm/db";

// Many rendered digests into EmailOutbox with one statement. Same contract as @crm/email's
// addRenderedToOutbox (inside the caller's transaction; a dedupeKey already used keeps its row and
// returns its id), but set-based and on the lean raw transaction: one statement per chunk instead
// of a Prisma upsert (and its transaction client) per email, at 10,000 digests a minute. Headers
// are stored as given; the transport re-checks them (no CR/LF, header-name shape) before sending.

export type TOutboxRow = { dedupeKey: string; to: string; subject: string; html: string; text: string; headers: Record<string, string> };

/** dedupeKey → outbox id, for every row given (new or already there). */
export async function insertOutboxRows(tx: TRawTx, teamId: string, kind: string, rows: TOutboxRow[]): Promise<{ ids: Map<string, string>; created: string[] }> {
  const ids = new Map<string, string>();
  if (rows.length === 0) return { ids, created: [] };
  const inserted = await tx.$queryRaw<Array<{ id: string; dedupeKey: string }>>`
    INSERT INTO "EmailOutbox" (id, "dedupeKey", "to", subject, html, text, "teamId", kind, headers)
    SELECT gen_random_uuid()::text, x.k, x.t, x.s, x.h, x.b, ${teamId}, ${kind}, x.hd::jsonb
      FROM unnest(${rows.map((r) => r.dedupeKey)}::text[], ${rows.map((r) => r.to)}::text[], ${rows.map((r) => r.subject)}::text[],
                  ${rows.map((r) => r.html)}::text[], ${rows.map((r) => r.text)}::text[], ${rows.map((r) => JSON.stringify(r.headers))}::text[])
           AS x(k, t, s, h, b, hd)
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING id, "dedupeKey"`;
  for (const r of inserted) ids.set(r.dedupeKey, r.id);
  const missing = rows.map((r) => r.dedupeKey).filter((k) => !ids.has(k));
  if (missing.length) {
    const found = await tx.$queryRaw<Array<{ id: string; dedupeKey: string }>>`
      SELECT id, "dedupeKey" FROM "EmailOutbox" WHERE "dedupeKey" = ANY(${missing}::text[]) LIMIT ${missing.length}`;
    for (const r of found) ids.set(r.dedupeKey, r.id);
  }
  return { ids, created: inserted.map((r) => r.id) };
}
