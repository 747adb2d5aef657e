import { db, type TTx } from "@crm/db";
import { enqueue } from "@crm/jobs";
import type { TEmailTemplate } from "./templates";
import { sendMessage, type TSendResult } from "./transport";

/**
 * Writes the rendered message to the outbox inside the caller's transaction, so the email exists
 * if and only if the change that caused it committed. Returns the outbox id to publish after
 * commit; a duplicate dedupeKey returns the existing row instead of a second email.
 */
export async function addToOutbox(
  tx: TTx,
  input: { dedupeKey: string; to: string; template: TEmailTemplate } & TOutboxTags,
): Promise<string> {
  // Loaded on first use: React's server renderer is ~45 MB of memory that the worker, which only
  // delivers stored messages, never needs.
  const { renderEmail } = await import("./templates");
  const rendered = await renderEmail(input.template);
  return addRenderedToOutbox(tx, { dedupeKey: input.dedupeKey, to: input.to, teamId: input.teamId, kind: input.kind, headers: input.headers, ...rendered });
}

/** Team emails carry their team (the admins' deliveries page) and kind; headers are sent as stored. */
export type TOutboxTags = { teamId?: string; kind?: string; headers?: Record<string, string> };

/**
 * A message rendered by the caller (digests render many at once). Same contract as addToOutbox:
 * inside the caller's transaction; a dedupeKey already used returns the existing row's id.
 */
export async function addRenderedToOutbox(
  tx: TTx,
  input: { dedupeKey: string; to: string; subject: string; html: string; text: string } & TOutboxTags,
): Promise<string> {
  const row = await tx.emailOutbox.upsert({
    where: { dedupeKey: input.dedupeKey },
    create: {
      dedupeKey: input.dedupeKey,
      to: input.to,
      subject: input.subject,
      html: input.html,
      text: input.text,
      teamId: input.teamId ?? null,
      kind: input.kind ?? null,
      headers: input.headers ?? {},
    },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/**
 * Send tries per outbox row, counted on the row. The email.send job gets the tries the row has
 * left (exponential backoff from 2 s: 8 tries span about 4 minutes); the try that reaches the
 * limit marks the row FAILED, which the sweeper leaves alone and the team's admins see on the
 * deliveries page (where they may retry it: attempts back to 0).
 */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * Publish after commit. If Redis is down the sweeper job delivers it later, so never throw.
 * `round` names a manual retry, so its job id differs from the failed job Redis still keeps.
 */
export async function publishOutbox(outboxId: string, attempts = 0, round?: string): Promise<void> {
  try {
    // The attempt count in the id lets the sweeper publish again after a job that failed for good.
    const dedupeId = `${outboxId}-${attempts}${round ? `-${round}` : ""}`;
    await enqueue("email.send", { outboxId }, { dedupeId, attempts: Math.max(1, MAX_SEND_ATTEMPTS - attempts) });
  } catch (err) {
    console.warn(`email: could not enqueue ${outboxId}, the sweeper will retry (${(err as Error).message})`);
  }
}

export type TDeliverResult = { status: "sent" | "already-sent" | "failed" | "busy" | "missing"; result?: TSendResult };

/** A send holds the row's lock; an SMTP server slower than this rolls it back (the job tries again). */
const SEND_TIMEOUT_MS = 60_000;

type TLockedRow = { id: string; to: string; subject: string; html: string; text: string; headers: unknown; status: string };

/**
 * Idempotent: a row already SENT is not sent again (jobs are at-least-once); a FAILED one waits for
 * a retry. The row is locked while it is sent (SKIP LOCKED): two jobs for the same row (a sweeper's
 * republish, an admin's retry) never send it at the same time; the second answers "busy".
 */
export async function deliverOutboxEmail(outboxId: string): Promise<TDeliverResult> {
  const outcome = await db().$transaction(async (tx): Promise<{ done: TDeliverResult } | { error: unknown } | null> => {
    const [row] = await tx.$queryRaw<TLockedRow[]>`
      SELECT id, "to", subject, html, text, headers, status::text AS status FROM "EmailOutbox" WHERE id = ${outboxId} FOR UPDATE SKIP LOCKED`;
    if (!row) return null;
    if (row.status === "SENT") return { done: { status: "already-sent" } };
    if (row.status === "FAILED") return { done: { status: "failed" } };
    let result: TSendResult;
    try {
      result = await sendMessage({ messageId: row.id, to: row.to, subject: row.subject, html: row.html, text: row.text, headers: storedHeaders(row.headers) });
    } catch (err) {
      const lastError = String((err as Error).message).slice(0, 500);
      // One statement: the count and the FAILED mark cannot disagree.
      await tx.$executeRaw`
        UPDATE "EmailOutbox"
           SET attempts = attempts + 1, "lastError" = ${lastError},
               status = CASE WHEN attempts + 1 >= ${MAX_SEND_ATTEMPTS} THEN 'FAILED'::"EmailStatus" ELSE status END,
               "failedAt" = CASE WHEN attempts + 1 >= ${MAX_SEND_ATTEMPTS} THEN now() ELSE "failedAt" END
         WHERE id = ${row.id}`;
      return { error: err };
    }
    await tx.emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, failedAt: null } });
    return { done: { status: "sent", result } };
  }, { timeout: SEND_TIMEOUT_MS });
  if (outcome && "error" in outcome) throw outcome.error;
  if (outcome) return outcome.done;
  const exists = await db().emailOutbox.findUnique({ where: { id: outboxId }, select: { id: true } });
  return { status: exists ? "busy" : "missing" };
}

// Only string values, and no CR/LF (a stored header can never inject another one).
function storedHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === "string" && /^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(k) && !/[\r\n]/.test(v)) out[k] = v;
  }
  return out;
}

/** Rows left PENDING (publish failed, Redis lost the job) are published again. */
export async function sweepOutbox(olderThanMs = 60_000, limit = 500): Promise<number> {
  const rows = await db().emailOutbox.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - olderThanMs) }, attempts: { lt: MAX_SEND_ATTEMPTS } },
    select: { id: true, attempts: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const r of rows) await publishOutbox(r.id, r.attempts);
  return rows.length;
}
