import { randomBytes } from "node:crypto";
import { SESSION_TTL_DAYS } from "@crm/config";
import { db, Prisma, queryRawOutsideTenant } from "@crm/db";

export type TSessionUser = { id: string; email: string; name: string; sessionId: string };

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db().session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_TTL_DAYS * 86_400_000) },
  });
  return id;
}

/** The signed cookie is not enough: the session row must still exist (sign-out, password change). */
export async function getSessionUser(sessionId: string | undefined | null): Promise<TSessionUser | null> {
  if (!sessionId) return null;
  // Every signed-in request asks: one statement on the lean pool, not a Prisma query (issue 13).
  const [s] = await queryRawOutsideTenant<{ expiresAt: Date; id: string; email: string; name: string }>(Prisma.sql`
    SELECT s."expiresAt", u.id, u.email, u.name FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = ${sessionId}`);
  if (!s || s.expiresAt <= new Date()) return null;
  return { id: s.id, email: s.email, name: s.name, sessionId };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionId } });
}

export async function revokeUserSessions(userId: string, opts: { except?: string } = {}): Promise<number> {
  const r = await db().session.deleteMany({ where: { userId, ...(opts.except ? { id: { not: opts.except } } : {}) } });
  return r.count;
}

export async function pruneExpiredSessions(): Promise<number> {
  const r = await db().session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return r.count;
}
