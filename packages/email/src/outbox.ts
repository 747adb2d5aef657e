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

/** Publish after commit. If Redis is down the sweeper job delivers it later, so never throw. */
export async function publishOutbox(outboxId: string, attempts = 0): Promise<void> {
  try {
    // The attempt count in the id lets the sweeper publish again after a job that failed for good.
    await enqueue("email.send", { outboxId }, { dedupeId: `${outboxId}-${attempts}` });
  } catch (err) {
    console.warn(`email: could not enqueue ${outboxId}, the sweeper will retry (${(err as Error).message})`);
  }
}

export type TDeliverResult = { status: "sent" | "already-sent" | "missing"; result?: TSendResult };

/** Idempotent: a row already SENT is not sent again (jobs are at-least-once). */
export async function deliverOutboxEmail(outboxId: string): Promise<TDeliverResult> {
  const row = await db().emailOutbox.findUnique({ where: { id: outboxId } });
  if (!row) return { status: "missing" };
  if (row.status === "SENT") return { status: "already-sent" };
  try {
    const result = await sendMessage({ messageId: row.id, to: row.to, subject: row.subject, html: row.html, text: row.text, headers: storedHeaders(row.headers) });
    await db().emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return { status: "sent", result };
  } catch (err) {
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastError: String((err as Error).message).slice(0, 500) } });
    throw err;
  }
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
    where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - olderThanMs) }, attempts: { lt: 10 } },
    select: { id: true, attempts: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const r of rows) await publishOutbox(r.id, r.attempts);
  return rows.length;
}
