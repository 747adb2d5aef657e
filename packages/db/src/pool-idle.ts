// How long the app role's pools (Prisma's, the lean one, the bulk one) keep an idle connection.
// pg's default, 10 s, closed them between a user's clicks, and a new backend pays for its first
// statements: it loads the catalog entries of the tables and their indexes, pg_trgm and the search
// function. A search right after 12 s idle took 130–235 ms, against 35–50 ms on a warm connection
// (issue 13). Through PgBouncer the backends stay warm anyway; an idle client costs it little.
// TCP keepalive from 30 s: a NAT or load balancer that silently drops idle flows (Azure's after
// 4 minutes, AWS NLB's after 350 s) would otherwise leave a dead socket that the next query hangs
// on until the kernel gives up. allowExitOnIdle: a script (CLI, bench) still ends while its pool
// idles.
export const POOL_IDLE = { idleTimeoutMillis: 2 * 60_000, keepAlive: true, keepAliveInitialDelayMillis: 30_000, allowExitOnIdle: true } as const;
