import { PrismaPg } from "@prisma/adapter-pg";
import { serverEnv } from "@crm/config";
import { closeBulkPool } from "./bulk";
import { closeCancelPool } from "./interactive";
import { POOL_IDLE } from "./pool-idle";
import { closeRawPool } from "./raw-tx";
import { PrismaClient } from "./generated/prisma/client";

export type TPrismaClient = PrismaClient;

export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  // JIT compiles any plan whose estimate passes jit_above_cost: on a team's 30,000 rows a counts
  // statement paid 40-220 ms of compilation per request. Request-sized queries never win it back.
  // TimeZone pinned: the columns hold UTC without a zone, and SQL that writes now() or casts a
  // timestamptz must not depend on the server's or the role's default zone.
  const adapter = new PrismaPg({ connectionString, max, options: "-c jit=off -c TimeZone=UTC", ...POOL_IDLE });
  return new PrismaClient({ adapter });
}

// One pool per process; Next.js dev reloads modules, so keep it on globalThis.
const g = globalThis as unknown as { __crmPrisma?: PrismaClient };

/** The app's client: connects as the non-owner role, so row-level security applies. */
export function db(): PrismaClient {
  const env = serverEnv();
  g.__crmPrisma ??= createPrismaClient(env.APP_DATABASE_URL, env.DATABASE_POOL_SIZE);
  return g.__crmPrisma;
}

/** Closes every pool (Prisma's, the raw one, the bulk one and the one for cancels). */
export async function disconnectDb(): Promise<void> {
  await Promise.all([g.__crmPrisma?.$disconnect(), closeBulkPool(), closeCancelPool(), closeRawPool()]);
  g.__crmPrisma = undefined;
}
