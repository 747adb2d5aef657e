import { db, Prisma, type TTx } from "@crm/db";
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

/**
 * How long a claimed row belongs to the send that claimed it. The transport gives up well before
 * (connect and greeting 10 s, 30 s of silence: transport.ts); a claim older than this is a send
 * whose process died, and the row may be claimed again.
 */
export const SEND_LEASE_MS = 5 * 60_000;

// The claim is written into lastError (no lease column): "sending; lease until <ISO instant>".
// The admins' deliveries page shows it as the row's state while it lasts.
const LEASE_PREFIX = "sending; lease until ";
const LEASE_ACTIVE = Prisma.sql`(CASE WHEN "lastError" ~ '^sending; lease until [0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$'
  THEN substring("lastError" from ${LEASE_PREFIX.length + 1}::int)::timestamptz > now() ELSE false END)`;

type TClaimedRow = { id: string; to: string; subject: string; html: string; text: string; headers: unknown; lease: string };

/**
 * Idempotent: a row already SENT is not sent again (jobs are at-least-once); a FAILED one waits for
 * a retry. No transaction is open while the SMTP server is talking:
 * 1. claim: one UPDATE counts the attempt and writes a lease, only on a PENDING row without a live
 *    lease. Row locking makes a second concurrent claim see the first one's lease: it answers
 *    "busy" and sends nothing.
 * 2. send, outside any transaction.
 * 3. one UPDATE marks it SENT, or records the error (FAILED at the last attempt).
 * A process that dies between 2 and 3 leaves a lease that runs out: the sweeper publishes the row
 * again and it is sent once more. So a message the server accepted is sent again at most once per
 * such crash, and every try, crashed or not, counts towards MAX_SEND_ATTEMPTS.
 */
export async function deliverOutboxEmail(outboxId: string): Promise<TDeliverResult> {
  // The database's clock writes and reads leases, whichever machine sends.
  const lease = Prisma.sql`${LEASE_PREFIX}::text || to_char((now() + ${SEND_LEASE_MS}::int * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const [row] = await db().$queryRaw<TClaimedRow[]>`
    UPDATE "EmailOutbox" SET attempts = attempts + 1, "lastError" = ${lease}
     WHERE id = ${outboxId} AND status = 'PENDING' AND attempts < ${MAX_SEND_ATTEMPTS} AND NOT ${LEASE_ACTIVE}
    RETURNING id, "to", subject, html, text, headers, "lastError" AS lease`;
  if (!row) return unclaimed(outboxId);
  let result: TSendResult;
  try {
    result = await sendMessage({ messageId: row.id, to: row.to, subject: row.subject, html: row.html, text: row.text, headers: storedHeaders(row.headers) });
  } catch (err) {
    const lastError = String((err as Error).message).slice(0, 500);
    // Only while the claim is still ours (the lease text names its instant to the millisecond): a
    // send whose lease ran out and was claimed again leaves the newer try's state alone.
    await db().$executeRaw`
      UPDATE "EmailOutbox"
         SET "lastError" = ${lastError},
             status = CASE WHEN attempts >= ${MAX_SEND_ATTEMPTS} THEN 'FAILED'::"EmailStatus" ELSE status END,
             "failedAt" = CASE WHEN attempts >= ${MAX_SEND_ATTEMPTS} THEN now() ELSE "failedAt" END
       WHERE id = ${row.id} AND status = 'PENDING' AND "lastError" = ${row.lease}`;
    throw err;
  }
  // The server has it: SENT whatever happened to the claim meanwhile.
  await db().$executeRaw`
    UPDATE "EmailOutbox" SET status = 'SENT', "sentAt" = now(), "lastError" = NULL, "failedAt" = NULL WHERE id = ${row.id}`;
  return { status: "sent", result };
}

/** Why a row could not be claimed. A PENDING row out of attempts whose lease ran out turns FAILED. */
async function unclaimed(outboxId: string): Promise<TDeliverResult> {
  const [row] = await db().$queryRaw<Array<{ status: string; attempts: number; leased: boolean }>>`
    SELECT status::text AS status, attempts, ${LEASE_ACTIVE} AS leased FROM "EmailOutbox" WHERE id = ${outboxId}`;
  if (!row) return { status: "missing" };
  if (row.status === "SENT") return { status: "already-sent" };
  if (row.status === "FAILED") return { status: "failed" };
  if (row.leased) return { status: "busy" };
  const gaveUp = await db().$executeRaw`
    UPDATE "EmailOutbox"
       SET status = 'FAILED', "failedAt" = now(), "lastError" = ${`No answer after ${MAX_SEND_ATTEMPTS} tries (the last one stopped without a result).`}
     WHERE id = ${outboxId} AND status = 'PENDING' AND attempts >= ${MAX_SEND_ATTEMPTS} AND NOT ${LEASE_ACTIVE}`;
  // Otherwise another job claimed it between our UPDATE and this read.
  return { status: gaveUp ? "failed" : "busy" };
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

/**
 * Rows left PENDING (publish failed, Redis lost the job, a send died) are published again. The
 * database's clock decides (leases are written with it), and a row being sent waits for its lease:
 * a job now would only answer "busy". A row out of attempts gets one job, which marks it FAILED.
 * The job id carries a 10-minute round: a job that failed for good before its claim counted an
 * attempt (the database was down) stays in Redis for a week, and must not block the republish.
 */
export async function sweepOutbox(olderThanMs = 60_000, limit = 500): Promise<number> {
  const rows = await db().$queryRaw<Array<{ id: string; attempts: number }>>`
    SELECT id, attempts FROM "EmailOutbox"
     WHERE status = 'PENDING' AND "createdAt" < (now() AT TIME ZONE 'UTC') - ${olderThanMs}::int * interval '1 millisecond'
       AND NOT ${LEASE_ACTIVE}
     ORDER BY "createdAt"
     LIMIT ${limit}`;
  const round = `s${Math.floor(Date.now() / 600_000)}`;
  for (const r of rows) await publishOutbox(r.id, r.attempts, round);
  return rows.length;
}
