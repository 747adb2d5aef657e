import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "./env";

describe("parseServerEnv", () => {
  it("fills local defaults and derives the app role URL", () => {
    const env = parseServerEnv({});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/connection_crm");
    expect(env.APP_DATABASE_URL).toBe("postgresql://crm_app:crm_app@127.0.0.1:5432/connection_crm");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
  });
  it("names the variable that is wrong", () => {
    try {
      parseServerEnv({ REDIS_URL: "http://nope", WORKER_HEALTH_PORT: "abc" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const msg = (e as EnvError).message;
      expect(msg).toContain("REDIS_URL");
      expect(msg).toContain("WORKER_HEALTH_PORT");
    }
  });
  it("requires AUTH_SECRET in production, and a long one", () => {
    expect(() => parseServerEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: is required in production/);
    expect(() => parseServerEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32/);
  });
  it("keeps team exports for TEAM_EXPORT_TTL_HOURS, 24 by default, at least 1", () => {
    expect(parseServerEnv({}).TEAM_EXPORT_TTL_HOURS).toBe(24);
    expect(parseServerEnv({ TEAM_EXPORT_TTL_HOURS: "72" }).TEAM_EXPORT_TTL_HOURS).toBe(72);
    expect(() => parseServerEnv({ TEAM_EXPORT_TTL_HOURS: "0" })).toThrow(/TEAM_EXPORT_TTL_HOURS/);
  });
  it("refuses the public default crm_app database password in production, unless CRM_LOCAL_DEV=1 (npm start and tests on a dev machine)", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };
    expect(() => parseServerEnv(prod)).toThrow(/APP_DATABASE_URL: uses the default crm_app password/);
    expect(() => parseServerEnv({ ...prod, APP_DATABASE_URL: "postgresql://crm_app:crm_app@db:5432/crm" })).toThrow(/APP_DATABASE_URL: uses the default/);
    expect(parseServerEnv({ ...prod, APP_DATABASE_URL: "postgresql://crm_app:s3cret-pw@db:5432/crm" }).APP_DATABASE_URL).toContain("s3cret-pw");
    expect(parseServerEnv({ ...prod, CRM_LOCAL_DEV: "1" }).APP_DATABASE_URL).toContain("crm_app:crm_app@");
    expect(parseServerEnv({}).APP_DATABASE_URL).toContain("crm_app:crm_app@"); // development: fine
    expect(() => parseServerEnv({ ...prod, CRM_LOCAL_DEV: "yes" })).toThrow(/CRM_LOCAL_DEV/);
  });
  it("refuses the test clock in a real production deploy", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), APP_DATABASE_URL: "postgresql://crm_app:s3cret-pw@db:5432/crm" };
    expect(() => parseServerEnv({ ...prod, CRM_TEST_CLOCK: "1" })).toThrow(/CRM_TEST_CLOCK: is for browser tests only/);
    expect(parseServerEnv({ ...prod, CRM_TEST_CLOCK: "1", CRM_LOCAL_DEV: "1" }).CRM_TEST_CLOCK).toBe("1");
    expect(parseServerEnv({ CRM_TEST_CLOCK: "1" }).CRM_TEST_CLOCK).toBe("1");
  });
  it("binds the worker's health server to loopback unless WORKER_HEALTH_HOST says otherwise", () => {
    expect(parseServerEnv({}).WORKER_HEALTH_HOST).toBe("127.0.0.1");
    expect(parseServerEnv({ WORKER_HEALTH_HOST: "0.0.0.0" }).WORKER_HEALTH_HOST).toBe("0.0.0.0");
    expect(parseServerEnv({ WORKER_HEALTH_HOST: "::" }).WORKER_HEALTH_HOST).toBe("::");
    expect(() => parseServerEnv({ WORKER_HEALTH_HOST: "not a host!" })).toThrow(/WORKER_HEALTH_HOST/);
  });
  it("treats empty strings as unset", () => {
    expect(parseServerEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
});
