import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { signUp } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb } from "@crm/db";
import { prepareTestDatabase, type TDatabaseUrls } from "@crm/db/testing";

// `npm run cli -- build-queue`, run as a user runs it (a child process), against the test database.
const run = promisify(execFile);
const main = join(import.meta.dirname, "main.ts");
let urls: TDatabaseUrls;
let dir: string;
let slug: string;

async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", main, ...args], {
      env: { ...process.env, DATABASE_URL: urls.ownerUrl, APP_DATABASE_URL: urls.appUrl, QUEUE_PREFIX: `{crm-test-${randomUUID()}}` },
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

beforeAll(async () => {
  urls = await prepareTestDatabase();
  resetServerEnvForTests();
  dir = await mkdtemp(join(tmpdir(), "crm-cli-queue-"));
  ({ team: { slug } } = await signUp({ name: "Queue Owner", email: `cli-queue-${randomUUID()}@example.test`, password: "cli queue passphrase 2026", teamName: "Queue Team" }));
});
afterAll(async () => {
  await disconnectDb();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run cli -- build-queue", () => {
  it("builds in process and prints exactly the open items per kind; a second run prints the same", async () => {
    for (const label of ["Main", "Second"]) expect((await cli("add-account", "--team", slug, "--label", label)).code).toBe(0);
    const file = join(dir, "net.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 30, daysApart: 120 })); // ten years of never-messaged people: stale
    const imported = await cli("import", file, "--team", slug, "--account", "Main");
    expect(imported.code, imported.err).toBe(0);

    const r = await cli("build-queue", "--team", slug);
    expect(r.code, r.err).toBe(0);
    const counts = JSON.parse(r.out);
    expect(Object.keys(counts)).toEqual(["remove", "follow_up", "job_change"]);
    expect(counts.remove).toBeGreaterThan(10);
    expect(r.out).toBe(`{"remove": ${counts.remove}, "follow_up": 0, "job_change": 0}\n`);
    expect(r.err).toMatch(/opened/);

    const again = await cli("build-queue", "--team", slug, "--account", "Main");
    expect([again.code, again.out]).toEqual([0, r.out]);
    expect(again.err).toMatch(/0 opened, 0 updated, 0 closed, 0 reopened/);
    const other = await cli("build-queue", "--team", slug, "--account", "Second");
    expect(JSON.parse(other.out)).toEqual({ remove: 0, follow_up: 0, job_change: 0 });
  }, 240_000);

  it("names what is wrong: no team, an unknown team or account", async () => {
    expect((await cli("build-queue")).code).toBe(2);
    const team = await cli("build-queue", "--team", "no-such-team-here");
    expect([team.code, team.out]).toEqual([1, ""]);
    const acc = await cli("build-queue", "--team", slug, "--account", "Nope");
    expect([acc.code, acc.out]).toEqual([1, ""]);
    expect(acc.err).toMatch(/^build-queue: /);
  }, 120_000);
});
