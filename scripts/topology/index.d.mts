// Types of the topology harness for the TypeScript tests that start it.
export type TRedisClusterHandle = {
  ports: number[];
  dir: string;
  /** "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3": the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  stop(): Promise<void>;
  kill(port: number): Promise<void>;
  restart(port: number): Promise<void>;
  masterOf(key: string): number;
};
export function startRedisCluster(opts: { ports: number[]; dir?: string; readyTimeoutMs?: number }): Promise<TRedisClusterHandle>;
export function clusterInfo(port: number): Record<string, string> | null;
export function masterOf(key: string, ports: number[]): number;

export type TPgBouncerHandle = {
  port: number;
  dir: string;
  /** `url` with host and port replaced by this PgBouncer's. */
  via(url: string): string;
  /** Starts it again after stop(): same port, same configuration. */
  start(): Promise<void>;
  /** Stops the process (SIGTERM, PgBouncer's immediate shutdown); the port stays reserved for start(). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it for good: frees the port and deletes the directory it made. */
  close(): Promise<void>;
  /** The last lines of pgbouncer.log. */
  log(): string;
};
export function startPgBouncer(opts: {
  port: number;
  dbUrl: string;
  dir?: string;
  users?: Record<string, string>;
  settings?: Record<string, string | number>;
  readyTimeoutMs?: number;
}): Promise<TPgBouncerHandle>;
export const PGBOUNCER_PATH: string;

export function ensureTopologyPackages(opts?: { log?: (line: string) => void }): string[];
export function missingTopologyBinaries(kinds?: Array<"redis" | "pgbouncer">): string | null;
export function findBinary(name: string): string | null;
export function lockPorts(ports: number[], timeoutMs?: number): Promise<() => void>;
export function portOpen(port: number, timeoutMs?: number): Promise<boolean>;
