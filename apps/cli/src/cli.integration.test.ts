import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { authenticateApiKey, signUp } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb } from "@crm/db";
import { prepareTestDatabase, type TDatabaseUrls } from "@crm/db/testing";

// The operator commands, run as a user runs them (a child process), against the test database.
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
  dir = await mkdtemp(join(tmpdir(), "crm-cli-"));
  const email = `cli-${randomUUID()}@example.test`;
  ({ team: { slug } } = await signUp({ name: "Cli Owner", email, password: "cli owner passphrase 2026", teamName: "Cli Team" }));
});
afterAll(async () => {
  await disconnectDb();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run cli -- inspect", () => {
  it("parses a file without the database and prints the counts and errors as JSON", async () => {
    const file = join(dir, "Connections.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 25, hidden: 2 }) + "\nBad,Date,https://www.linkedin.com/in/bad-date,,Acme,CEO,31 Foo 2024");
    const r = await cli("inspect", file);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // 2 hidden members are skipped; the bad date is a warning on a kept person.
    expect(j).toMatchObject({ format: "linkedin-connections", rows: 28, accepted: 26, rejected: 0, hidden: 2, errors: [] });
    expect(j.warnings).toHaveLength(1);
    expect(j.warnings[0]).toMatchObject({ line: 32, field: "Connected On", code: "invalid_date" });
    expect(Object.keys(j.warnings[0]).sort()).toEqual(["code", "field", "line", "message"]);
  });

  it("reports a refused file in the same shape and exits 1", async () => {
    const file = join(dir, "photo.csv");
    await writeFile(file, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 0)]));
    const r = await cli("inspect", file);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ format: "refused", rows: 0, accepted: 0, rejected: 0, errors: [{ line: 0, field: "(file)", code: "not_csv_or_zip" }] });
  });
});

describe("npm run cli -- add-account / import", () => {
  it("creates an account and imports into it through the job processor, printing the diff", async () => {
    const created = await cli("add-account", "--team", slug, "--label", "Ops Network", "--time-zone", "Europe/Paris");
    expect(created.code, created.err).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ label: "Ops Network", timeZone: "Europe/Paris" });
    const dup = await cli("add-account", "--team", slug, "--label", "ops network ");
    expect([dup.code, dup.err]).toEqual([1, expect.stringMatching(/already has an account/)]);

    const file = join(dir, "net.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 40, hidden: 1 }));
    const first = await cli("import", file, "--team", slug, "--account", "Ops Network");
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ new: 40, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    const again = await cli("import", file, "--team", slug, "--account", "Ops Network");
    expect(JSON.parse(again.out)).toEqual({ new: 0, updated: 0, unchanged: 40, jobChanges: 0, gone: 0, rejected: 0 });

    const other = await cli("import", file, "--team", "no-such-team-x", "--account", "Ops Network");
    expect([other.code, other.err]).toEqual([1, expect.stringMatching(/does not exist/)]);
  }, 60_000);

  it("stops a 3-person HubSpot file into a 300-person account unless told --partial or --whole-network", async () => {
    const corpus = (name: string) => join(import.meta.dirname, "../../../packages/importer/test-corpus/diff", name);
    expect((await cli("add-account", "--team", slug, "--label", "Sales Net")).code).toBe(0);
    const full = await cli("import", corpus("linkedin-300-2026.csv"), "--team", slug, "--account", "Sales Net");
    expect(JSON.parse(full.out)).toMatchObject({ new: 300, gone: 0 });
    const asked = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", slug, "--account", "Sales Net");
    expect([asked.code, asked.out]).toEqual([1, ""]);
    expect(asked.err).toMatch(/has 3 people; the account has 300 connected.*mark 298 gone.*--partial/);
    const partial = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", slug, "--account", "Sales Net", "--partial");
    expect(JSON.parse(partial.out)).toEqual({ new: 1, updated: 0, unchanged: 2, jobChanges: 0, gone: 0, rejected: 0 });
    const both = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", slug, "--account", "Sales Net", "--partial", "--whole-network");
    expect(both.code).toBe(2);
    const whole = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", slug, "--account", "Sales Net", "--whole-network");
    expect(JSON.parse(whole.out)).toEqual({ new: 0, updated: 0, unchanged: 3, jobChanges: 0, gone: 298, rejected: 0 });
  }, 90_000);
});

describe("npm run cli -- create-api-key", () => {
  it("prints only the new key, which then authenticates as the team with its scope", async () => {
    const r = await cli("create-api-key", "--team", slug, "--scope", "read", "--name", "Reporting script");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^crm_[A-Za-z0-9_-]{43}\n$/);
    const auth = await authenticateApiKey(r.out.trim());
    expect(auth).toMatchObject({ scope: "READ", ctx: { slug, role: "MEMBER" } });
    expect(r.err).toContain("Reporting script");
    expect(r.err).not.toContain(r.out.trim());
    const rw = await cli("create-api-key", "--team", slug, "--scope", "read-write");
    expect(rw.code, rw.err).toBe(0);
    expect((await authenticateApiKey(rw.out.trim())).scope).toBe("READ_WRITE");
  }, 60_000);

  it("refuses a missing or unknown scope (exit 2) and an unknown team (exit 1), printing nothing on stdout", async () => {
    for (const args of [["--team", slug], ["--team", slug, "--scope", "admin"], ["--scope", "read"]]) {
      const r = await cli("create-api-key", ...args);
      expect([r.code, r.out, r.err], args.join(" ")).toEqual([2, "", expect.stringMatching(/--scope \(read or read-write\)/)]);
    }
    const r = await cli("create-api-key", "--team", "no-such-team-x", "--scope", "read");
    expect([r.code, r.out, r.err]).toEqual([1, "", expect.stringMatching(/does not exist/)]);
  }, 60_000);
});

describe("npm run cli -- classify-titles", () => {
  it("prints one JSON line per input line with the classifier's labels", async () => {
    const child = execFile(process.execPath, ["--import", "tsx", main, "classify-titles"]);
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stdin!.end("SVP Sales EMEA\nGeschäftsführerin | Vertrieb\n\nWerkstudent Softwareentwicklung\n");
    await new Promise((r) => child.once("exit", r));
    expect(out.trim().split("\n").map((l) => JSON.parse(l))).toEqual([
      { title: "SVP Sales EMEA", seniority: "vp", function: "sales" },
      { title: "Geschäftsführerin | Vertrieb", seniority: "c_level", function: "sales" },
      { title: "", seniority: "unknown", function: "other" },
      { title: "Werkstudent Softwareentwicklung", seniority: "intern_student", function: "engineering" },
    ]);
  });
});
