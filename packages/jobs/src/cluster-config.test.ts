import { describe, expect, it } from "vitest";
import { EnvError, hasHashTag, parseServerEnv } from "@crm/config";
import { clusterOptions } from "./connection";

// REDIS_CLUSTER_NODES: parsed at start-up with a message naming the variable and the bad entry,
// and refused with a queue prefix whose keys would not share one cluster slot.

function problems(env: Record<string, string>): string[] {
  try {
    parseServerEnv(env);
    return [];
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
}

describe("REDIS_CLUSTER_NODES", () => {
  it("parses a comma-separated host:port list (IPv6 in brackets)", () => {
    const env = parseServerEnv({ REDIS_CLUSTER_NODES: "10.0.0.5:7000, redis-b.internal:7001,[::1]:7002" });
    expect(env.REDIS_CLUSTER_NODES).toEqual([
      { host: "10.0.0.5", port: 7000 },
      { host: "redis-b.internal", port: 7001 },
      { host: "::1", port: 7002 },
    ]);
    expect(parseServerEnv({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(parseServerEnv({ REDIS_CLUSTER_NODES: "" }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it("names the variable and the bad entry", () => {
    for (const bad of ["10.0.0.5", "10.0.0.5:0", "host:70000", "redis://h:1", "a:1,,b:2"]) {
      const p = problems({ REDIS_CLUSTER_NODES: bad });
      expect(p).toHaveLength(1);
      expect(p[0]).toMatch(/^REDIS_CLUSTER_NODES: entry ".*" is not host:port/);
    }
    expect(problems({ REDIS_CLUSTER_NODES: "a:1,oops" })[0]).toContain('entry "oops"');
  });

  it("needs a hash tag in QUEUE_PREFIX, and only with a cluster", () => {
    expect(problems({ REDIS_CLUSTER_NODES: "a:1", QUEUE_PREFIX: "crm" })[0]).toMatch(/^QUEUE_PREFIX: "crm" has no hash tag, which REDIS_CLUSTER_NODES needs/);
    expect(problems({ REDIS_CLUSTER_NODES: "a:1", QUEUE_PREFIX: "{}crm" })).toHaveLength(1);
    expect(problems({ REDIS_CLUSTER_NODES: "a:1", QUEUE_PREFIX: "prod:{crm}" })).toEqual([]);
    expect(problems({ QUEUE_PREFIX: "crm" })).toEqual([]);
    expect([hasHashTag("{crm}"), hasHashTag("x{a}"), hasHashTag("{}"), hasHashTag("}{a}"), hasHashTag("{a")]).toEqual([true, true, false, true, false]);
  });

  it("gives every node the producer or worker semantics and REDIS_URL's credentials", () => {
    const p = clusterOptions("producer", "rediss://user:p%40ss@ignored:6379");
    expect(p.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, commandTimeout: 2_000, username: "user", password: "p@ss", tls: {} });
    expect(p.redisOptions).not.toHaveProperty("retryStrategy");
    const w = clusterOptions("worker", "redis://127.0.0.1:6379");
    expect(w.redisOptions).toMatchObject({ maxRetriesPerRequest: null });
    expect(w.redisOptions).not.toHaveProperty("password");
    expect(w.clusterRetryStrategy!(100, new Error())).toBe(5_000);
  });
});
