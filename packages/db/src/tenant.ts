import type { Prisma } from "./generated/prisma/client";
import { db } from "./client";

export type TTx = Prisma.TransactionClient;

export class MissingTenantError extends Error {
  constructor(what: string) {
    super(`${what} is required for a tenant-scoped unit of work`);
    this.name = "MissingTenantError";
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The one path to tenant data: runs `fn` in a transaction with `app.team_id` set, so Postgres
 * row-level security shows and accepts only this team's rows. Routes, server actions and jobs all
 * come through here; the team comes from the caller's verified membership or the job's reloaded
 * record, never from a request body.
 */
export async function withTeam<T>(
  teamId: string,
  fn: (tx: TTx) => Promise<T>,
  opts: { userId?: string } = {},
): Promise<T> {
  if (!teamId || !ID.test(teamId)) throw new MissingTenantError("teamId");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.team_id', ${teamId}, true), set_config('app.user_id', ${opts.userId ?? ""}, true)`;
    return fn(tx);
  });
}

/** A signed-in user's own view across teams: their memberships and those teams, read-only. */
export async function withUser<T>(userId: string, fn: (tx: TTx) => Promise<T>): Promise<T> {
  if (!userId || !ID.test(userId)) throw new MissingTenantError("userId");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  });
}
