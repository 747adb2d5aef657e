import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findAccountByLabel, getRemovalBudget, getWithdrawalBudget, operatorTeamContext, recordOutcome } from "@crm/core";
import { testDatabaseUrls } from "@crm/db/testing";
import { useCliHarness } from "./cli.test-util";
import { BUDGET_JSON_FIELDS, budgetJson } from "./commands/budget";

// `npm run cli -- budget`, run as a user runs it (a child process), against the test database.
const h = useCliHarness("budget");
const cli = h.cli;

/** One approved removal of the account, written as the database owner (no import, no queue build). */
async function approvedRemoval(teamId: string, accountId: string, deciderId: string): Promise<string> {
  const c = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
  await c.connect();
  try {
    const connectionId = randomUUID();
    const itemId = randomUUID();
    await c.query(
      `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", "connectedOn")
       VALUES ($1, $2, $3, $4, 'ola|budget', 'https://www.linkedin.com/in/ola-budget', 'Ola', 'Budget', DATE '2018-03-01')`,
      [connectionId, teamId, accountId, `li:budget-${connectionId}`],
    );
    await c.query(
      `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, decision, "decidedById", "decidedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'REMOVE', 'APPROVED', ARRAY['no_icp_fit'], 'REMOVE', $5, now(), now())`,
      [itemId, teamId, connectionId, accountId, deciderId],
    );
    return itemId;
  } finally {
    await c.end();
  }
}

describe("npm run cli -- budget", () => {
  it("prints the account's budget as the REST API answers it, and follows a recorded removal", async () => {
    const added = await cli("add-account", "--team", h.slug, "--label", "Main", "--time-zone", "Europe/Berlin");
    expect(added.code, added.stderr).toBe(0);

    const r = await cli("budget", "--team", h.slug, "--account", "Main");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith("}\n")).toBe(true);
    const fresh = JSON.parse(r.stdout);
    expect(Object.keys(fresh)).toEqual([...BUDGET_JSON_FIELDS, "withdrawals"]);
    expect(Object.keys(fresh.withdrawals)).toEqual([...BUDGET_JSON_FIELDS]);
    expect(fresh.withdrawals).toMatchObject({ limit: 30, used: 0, remaining: 30, hourlyLimit: 20, gapSeconds: 45 });
    // No connections yet: the smallest tier's 10 a day, nothing used, nothing in the way.
    expect(fresh).toMatchObject({ limit: 10, used: 0, remaining: 10, hourUsed: 0, weekUsed: 0, nextAllowedAt: null, blockedBy: null, timeZone: "Europe/Berlin", gapSeconds: 90 });
    expect(new Date(fresh.resetsAt).getTime()).toBeGreaterThan(Date.now());

    const ctx = await operatorTeamContext(h.slug);
    const account = await findAccountByLabel(ctx, "Main");
    const itemId = await approvedRemoval(ctx.teamId, account.id, ctx.userId);
    await recordOutcome(ctx, itemId, { outcome: "removed" });

    const after = await cli("budget", "--team", h.slug, "--account", "main"); // labels match case-insensitively
    expect(after.code, after.stderr).toBe(0);
    const spent = JSON.parse(after.stdout);
    expect(spent).toMatchObject({ limit: 10, used: 1, remaining: 9, hourUsed: 1, weekUsed: 1, blockedBy: "PACE_WAIT" });
    expect(new Date(spent.nextAllowedAt).getTime()).toBeGreaterThan(Date.now());
    // Exactly the service's budget, field for field (what the GET answers).
    expect(after.stdout).toBe(`${budgetJson(await getRemovalBudget(ctx, account.id), await getWithdrawalBudget(ctx, account.id))}\n`);
  }, 180_000);

  it("names what is wrong: missing options, an unknown team or account", async () => {
    const none = await cli("budget", "--team", h.slug);
    expect([none.code, none.stdout]).toEqual([2, ""]);
    expect(none.stderr).toMatch(/--account <label>/);
    const team = await cli("budget", "--team", "no-such-team-here", "--account", "Main");
    expect([team.code, team.stdout]).toEqual([1, ""]);
    expect(team.stderr).toMatch(/^budget: The team “no-such-team-here” does not exist/);
    const acc = await cli("budget", "--team", h.slug, "--account", "Nope");
    expect([acc.code, acc.stdout]).toEqual([1, ""]);
    expect(acc.stderr).toMatch(/^budget: A LinkedIn account labelled “Nope” does not exist/);
  }, 120_000);
});
