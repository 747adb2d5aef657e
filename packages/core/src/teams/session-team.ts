import type { TRole } from "@crm/config";
import { simpleBatchRaw } from "@crm/db";
import type { TSessionUser } from "../auth/sessions";
import type { TTeamContext } from "./membership";

// Every team route and action first asks "whose session is this, and are they in this team?".
// Separately that is the session lookup plus a membership transaction (BEGIN, SELECT, COMMIT):
// four round trips before any work. Here it is one message (simpleBatchRaw): the session's user
// becomes app.user_id for that message only, and the membership is read under row-level security
// exactly as resolveTeamContext reads it (another team's slug finds nothing). Same answers as
// getSessionUser + resolveTeamContext; the integration test holds the two paths equal.

export type TSessionTeam = { user: TSessionUser | null; team: TTeamContext | null };

type TRow = { expiresAt: Date; id: string; email: string; name: string; teamId: string | null; slug: string | null; teamName: string | null; role: TRole | null };

const SLUG_MAX = 200;

export async function resolveSessionTeam(sessionId: string | undefined | null, slug: string): Promise<TSessionTeam> {
  // Postgres cannot take a NUL byte in text: such a value names nothing rather than failing the request.
  if (!sessionId || sessionId.includes("\u0000")) return { user: null, team: null };
  // An absurd slug names no team; the session is still looked up (the caller says 401 before 404).
  const teamSlug = typeof slug === "string" && slug.length <= SLUG_MAX && !slug.includes("\u0000") ? slug : "";
  const results = await simpleBatchRaw((lit) => `
    SELECT set_config('app.user_id', coalesce((SELECT "userId" FROM "Session" WHERE id = ${lit(sessionId)}), ''), true);
    SELECT s."expiresAt", u.id, u.email, u.name, t.id AS "teamId", t.slug, t.name AS "teamName", m.role::text AS role
      FROM "Session" s
      JOIN "User" u ON u.id = s."userId"
      LEFT JOIN "Team" t ON t.slug = ${lit(teamSlug)}
      LEFT JOIN "Membership" m ON m."teamId" = t.id AND m."userId" = u.id
     WHERE s.id = ${lit(sessionId)}`);
  const row = results[1]?.[0] as TRow | undefined;
  if (!row || row.expiresAt <= new Date()) return { user: null, team: null };
  const user: TSessionUser = { id: row.id, email: row.email, name: row.name, sessionId };
  const team = row.teamId && row.slug && row.teamName !== null && row.role
    ? { teamId: row.teamId, slug: row.slug, teamName: row.teamName, userId: row.id, role: row.role }
    : null;
  return { user, team };
}
