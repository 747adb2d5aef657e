import pg from "pg";
import { serverEnv } from "@crm/config";
import { POOL_IDLE } from "./pool-idle";

// Set-based bulk work (COPY into temp tables, INSERT ... SELECT) needs a plain pg client: Prisma
// has no COPY. It is a small pool of its own, on the same non-owner role as db(), so RLS applies
// exactly as it does to everything else.

const g = globalThis as unknown as { __crmBulkPool?: pg.Pool };

export function bulkPool(): pg.Pool {
  // UTC like db() (client.ts): the columns hold UTC without a zone.
  if (!g.__crmBulkPool) {
    g.__crmBulkPool = new pg.Pool({ connectionString: serverEnv().APP_DATABASE_URL, max: 4, options: "-c TimeZone=UTC", ...POOL_IDLE });
    // An idle connection that drops (a Postgres or PgBouncer restart) must not end the process:
    // without a listener pg's error is an uncaught exception. The next query reconnects.
    g.__crmBulkPool.on("error", (e) => console.warn("database connection lost (idle, bulk pool):", e.message));
  }
  return g.__crmBulkPool;
}

export async function closeBulkPool(): Promise<void> {
  await g.__crmBulkPool?.end();
  g.__crmBulkPool = undefined;
}
