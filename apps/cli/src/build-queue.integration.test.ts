import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { useCliHarness } from "./cli.test-util";

// `npm run cli -- build-queue`, run as a user runs it (a child process), against the test database.
const h = useCliHarness("queue");
const cli = h.cli;

describe("npm run cli -- build-queue", () => {
  it("builds in process and prints exactly the open items per kind; a second run prints the same", async () => {
    for (const label of ["Main", "Second"]) expect((await cli("add-account", "--team", h.slug, "--label", label)).code).toBe(0);
    const file = join(h.dir, "net.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 30, daysApart: 120 })); // ten years of never-messaged people: stale
    const imported = await cli("import", file, "--team", h.slug, "--account", "Main");
    expect(imported.code, imported.stderr).toBe(0);

    const r = await cli("build-queue", "--team", h.slug);
    expect(r.code, r.stderr).toBe(0);
    const counts = JSON.parse(r.stdout);
    expect(Object.keys(counts)).toEqual(["remove", "follow_up", "job_change", "withdraw_invitation"]);
    expect(counts.remove).toBeGreaterThan(10);
    expect(r.stdout).toBe(`{"remove": ${counts.remove}, "follow_up": 0, "job_change": 0, "withdraw_invitation": 0}\n`);
    expect(r.stderr).toMatch(/opened/);

    const again = await cli("build-queue", "--team", h.slug, "--account", "Main");
    expect([again.code, again.stdout]).toEqual([0, r.stdout]);
    expect(again.stderr).toMatch(/0 opened, 0 updated, 0 closed, 0 reopened/);
    const other = await cli("build-queue", "--team", h.slug, "--account", "Second");
    expect(JSON.parse(other.stdout)).toEqual({ remove: 0, follow_up: 0, job_change: 0, withdraw_invitation: 0 });
  }, 240_000);

  it("names what is wrong: no team, an unknown team or account", async () => {
    expect((await cli("build-queue")).code).toBe(2);
    const team = await cli("build-queue", "--team", "no-such-team-here");
    expect([team.code, team.stdout]).toEqual([1, ""]);
    const acc = await cli("build-queue", "--team", h.slug, "--account", "Nope");
    expect([acc.code, acc.stdout]).toEqual([1, ""]);
    expect(acc.stderr).toMatch(/^build-queue: /);
  }, 120_000);
});
