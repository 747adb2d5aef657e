import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "./client";
import { withTeamSql } from "./tenant";
import { prepareTestDatabase } from "./testing";

// Decision times, keepUntil and snoozes are written with now() into columns that hold UTC without
// a zone: both pools pin the session's TimeZone instead of taking the server's or the role's.
// (The server here defaults to "Etc/UTC"; the pinned setting reads back as "UTC".)

beforeAll(prepareTestDatabase);
afterAll(disconnectDb);

describe("session time zone", () => {
  it("is UTC on the app pool and on the bulk pool", async () => {
    const [app] = await db().$queryRaw<Array<{ tz: string }>>`SELECT current_setting('TimeZone') AS tz`;
    expect(app!.tz).toBe("UTC");
    const bulk = await withTeamSql("tz-check-team", async (c) => (await c.query<{ tz: string }>(`SELECT current_setting('TimeZone') AS tz`)).rows[0]!.tz);
    expect(bulk).toBe("UTC");
  });
});
