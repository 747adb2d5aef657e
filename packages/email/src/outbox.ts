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
  input: { dedupeKey: string; to: string; template: TEmailTemplate },
): Promise<string> {
  // Loaded on first use: React's server renderer is ~45 MB of memory that the worker, which only
  // delivers stored messages, never needs.
  const { renderEmail } = await import("./templates");
  const rendered = await renderEmail(input.template);
  const row = await tx.emailOutbox.upsert({
    where: { dedupeKey: input.dedupeKey },
    create: { dedupeKey: input.dedupeKey, to: input.to, ...rendered },
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
    const result = await sendMessage({ messageId: row.id, to: row.to, subject: row.subject, html: row.html, text: row.text });
    await db().emailOutbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return { status: "sent", result };
  } catch (err) {
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastError: String((err as Error).message).slice(0, 500) } });
    throw err;
  }
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
