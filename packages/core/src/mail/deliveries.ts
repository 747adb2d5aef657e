import { Prisma, withTeam } from "@crm/db";
import { MAX_SEND_ATTEMPTS, publishOutbox } from "@crm/email";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";

// The admins' deliveries page: the team's emails (digests, summaries, notification emails) and
// whether they went out. EmailOutbox is a global table without row-level security (account
// emails have no team), so every query here names ctx.teamId itself; a row of another team is
// "not found", never shown or retried.

const LIMITS = { default: 50, max: 100 } as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TDeliveryStatus = "PENDING" | "SENT" | "FAILED";
export type TDeliveryView = {
  id: string;
  status: TDeliveryStatus;
  kind: string | null;
  to: string;
  subject: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
};

type TRow = Omit<TDeliveryView, "createdAt" | "sentAt" | "failedAt" | "maxAttempts"> & { createdAt: Date; sentAt: Date | null; failedAt: Date | null };

function requireAdmin(ctx: TTeamContext) {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can see the team's email deliveries.");
}

const encodeCursor = (r: { createdAt: Date; id: string }) => Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor.slice(0, 200), "base64url").toString("utf8").split("|");
  const d = new Date(at ?? "");
  if (!id || !ID.test(id) || Number.isNaN(d.getTime()) || d.toISOString() !== at) throw invalid("cursor", "This cursor is not valid: start again from the first page.");
  return { at, id };
}

const view = (r: TRow): TDeliveryView => ({
  ...r,
  maxAttempts: MAX_SEND_ATTEMPTS,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  failedAt: r.failedAt?.toISOString() ?? null,
});

/** Newest first, keyset-paginated; `failedOnly` shows what needs a retry. ADMIN+ only. */
export async function listTeamDeliveries(
  ctx: TTeamContext,
  input: { cursor?: string; limit?: number; failedOnly?: boolean } = {},
): Promise<{ items: TDeliveryView[]; nextCursor: string | null; failed: number }> {
  requireAdmin(ctx);
  const limit = input.limit ?? LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.max) throw invalid("limit", `The limit is a whole number from 1 to ${LIMITS.max}.`);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const keyset = after ? Prisma.sql`AND ("createdAt", id) < (${after.at}::timestamptz AT TIME ZONE 'UTC', ${after.id})` : Prisma.empty;
  const failedOnly = input.failedOnly ? Prisma.sql`AND status = 'FAILED'` : Prisma.empty;
  const { rows, failed } = await withTeam(ctx.teamId, async (tx) => {
    const rows = await tx.$queryRaw<TRow[]>`
      SELECT id, status::text AS status, kind, "to", subject, attempts, "lastError", "createdAt", "sentAt", "failedAt"
        FROM "EmailOutbox"
       WHERE "teamId" = ${ctx.teamId} ${failedOnly} ${keyset}
       ORDER BY "createdAt" DESC, id DESC
       LIMIT ${limit + 1}`;
    const [c] = await tx.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "EmailOutbox" WHERE "teamId" = ${ctx.teamId} AND status = 'FAILED' LIMIT 1000) x`;
    return { rows, failed: c?.n ?? 0 };
  }, { interactive: true });
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null, failed };
}

/** Sends a FAILED email of this team again: attempts back to 0, PENDING, published. ADMIN+ only. */
export async function retryDelivery(ctx: TTeamContext, outboxId: string): Promise<TDeliveryView> {
  requireAdmin(ctx);
  if (typeof outboxId !== "string" || !ID.test(outboxId)) throw notFound("This email");
  const row = await withTeam(ctx.teamId, async (tx) => {
    const [current] = await tx.$queryRaw<Array<{ status: TDeliveryStatus; member: boolean }>>`
      SELECT o.status::text AS status,
             EXISTS (SELECT 1 FROM "Membership" m JOIN "User" u ON u.id = m."userId"
                      WHERE m."teamId" = ${ctx.teamId} AND lower(u.email) = lower(o."to")) AS member
        FROM "EmailOutbox" o WHERE o.id = ${outboxId} AND o."teamId" = ${ctx.teamId} FOR UPDATE OF o`;
    if (!current) throw notFound("This email");
    if (current.status === "SENT") throw conflict("This email was sent already.");
    if (current.status === "PENDING") throw conflict("This email is still being sent: it is tried again automatically.");
    // Team emails go to members; someone removed since (or whose address changed) gets no more.
    if (!current.member) throw conflict("This email's recipient is no longer a member of the team, so it is not sent again.");
    const [r] = await tx.$queryRaw<TRow[]>`
      UPDATE "EmailOutbox" SET status = 'PENDING', attempts = 0, "failedAt" = NULL
       WHERE id = ${outboxId} AND "teamId" = ${ctx.teamId}
      RETURNING id, status::text AS status, kind, "to", subject, attempts, "lastError", "createdAt", "sentAt", "failedAt"`;
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "mail.retry", targetType: "email", targetId: outboxId });
    return r!;
  });
  // A fresh job id: the failed job of the first round stays in Redis for a week under the old one.
  await publishOutbox(outboxId, 0, `retry${Date.now()}`);
  return view(row);
}
