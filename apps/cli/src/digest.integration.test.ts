import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { signUp } from "@crm/core";
import { db } from "@crm/db";
import { testDatabaseUrls } from "@crm/db/testing";
import { useCliHarness } from "./cli.test-util";

// `npm run cli -- digest`, run as a user runs it (a child process), against the test database.
const h = useCliHarness("digest");

/** A new member with their own (quiet) team; quietWeekNote set as the database owner. */
async function member(quietWeekNote: boolean) {
  const email = `cli-digest-${randomUUID()}@example.test`;
  const { userId, team } = await signUp({ name: "Dora Digest", email, password: "cli digest passphrase 2026", teamName: "Digest CLI team" });
  if (quietWeekNote) {
    const c = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
    await c.connect();
    try {
      await c.query(`INSERT INTO "NotificationPreference" ("teamId", "userId", "quietWeekNote", "updatedAt") VALUES ($1, $2, true, now())`, [team.id, userId]);
    } finally {
      await c.end();
    }
  }
  return { email, userId, slug: team.slug };
}

describe("npm run cli -- digest", () => {
  it("--dry-run prints the text part and sends nothing; a send goes through once, then says already sent", async () => {
    const m = await member(false);
    const dry = await h.cli("digest", "--user", m.email, "--team", m.slug, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("A quiet week in Digest CLI team");
    expect(dry.stdout).toMatch(/Unsubscribe from the weekly digest: https?:\/\/\S+\/unsubscribe\/\S+/);
    expect(await db().emailOutbox.count({ where: { to: m.email } })).toBe(0);

    const first = await h.cli("digest", "--user", m.email.toUpperCase(), "--team", m.slug);
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout);
    // Quiet week, quiet-week note off (the default): the period is recorded, nothing is sent.
    expect(r1).toEqual({ sent: false, reason: expect.stringMatching(/^nothing to say for \d{4}-W\d{2} and the quiet-week note is off/) });
    const again = JSON.parse((await h.cli("digest", "--user", m.email, "--team", m.slug)).stdout);
    expect(again).toEqual({ sent: false, reason: expect.stringMatching(/^already sent for \d{4}-W\d{2}$/) });
    expect(await db().emailOutbox.count({ where: { to: m.email } })).toBe(0);
  });

  it("sends the quiet-week note once when the member asked for it", async () => {
    const m = await member(true);
    const first = JSON.parse((await h.cli("digest", "--user", m.email, "--team", m.slug)).stdout);
    expect(first).toEqual({ sent: true, reason: `sent the quiet-week note for ${first.reason.match(/\d{4}-W\d{2}/)[0]} to ${m.email}` });
    const again = JSON.parse((await h.cli("digest", "--user", m.email, "--team", m.slug)).stdout);
    expect(again.sent).toBe(false);
    expect(again.reason).toMatch(/^already sent for /);
    const rows = await db().emailOutbox.findMany({ where: { to: m.email }, select: { subject: true, kind: true, headers: true } });
    expect(rows).toEqual([{ subject: "A quiet week in Digest CLI team", kind: "digest", headers: expect.objectContaining({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }) }]);
  });

  it("unknown team, unknown user or not a member: a clear error and exit code 1", async () => {
    const m = await member(false);
    const noTeam = await h.cli("digest", "--user", m.email, "--team", `no-such-team-${randomUUID().slice(0, 8)}`);
    expect(noTeam.code).toBe(1);
    expect(noTeam.stderr).toMatch(/^digest: The team “no-such-team-[0-9a-f]{8}”/);
    const stranger = await h.cli("digest", "--user", "nobody-here@example.test", "--team", m.slug);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("nobody-here@example.test is not a member of");
    const other = await h.cli("digest", "--user", m.email, "--team", h.slug);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("is not a member of");
    const usage = await h.cli("digest", "--team", m.slug);
    expect(usage.code).toBe(2);
  });
});
