import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { runCli, useCliHarness } from "./cli.test-util";

// The operator commands, run as a user runs them (a child process), against the test database.
const h = useCliHarness("ops");
const cli = h.cli;

describe("npm run cli -- inspect", () => {
  it("parses a file without the database and prints the counts and errors as JSON", async () => {
    const file = join(h.dir, "Connections.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 25, hidden: 2 }) + "\nBad,Date,https://www.linkedin.com/in/bad-date,,Acme,CEO,31 Foo 2024");
    const r = await cli("inspect", file);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // 2 hidden members are skipped; the bad date is a warning on a kept person.
    expect(j).toMatchObject({ format: "linkedin-connections", rows: 28, accepted: 26, rejected: 0, hidden: 2, errors: [] });
    expect(j.warnings).toHaveLength(1);
    expect(j.warnings[0]).toMatchObject({ line: 32, field: "Connected On", code: "invalid_date" });
    expect(Object.keys(j.warnings[0]).sort()).toEqual(["code", "field", "line", "message"]);
  });

  it("reports a refused file in the same shape and exits 1", async () => {
    const file = join(h.dir, "photo.csv");
    await writeFile(file, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 0)]));
    const r = await cli("inspect", file);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: "refused", rows: 0, accepted: 0, rejected: 0, errors: [{ line: 0, field: "(file)", code: "not_csv_or_zip" }] });
  });
});

describe("npm run cli -- add-account / import", () => {
  it("creates an account and imports into it through the job processor, printing the diff", async () => {
    const created = await cli("add-account", "--team", h.slug, "--label", "Ops Network", "--time-zone", "Europe/Paris");
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ label: "Ops Network", timeZone: "Europe/Paris" });
    const dup = await cli("add-account", "--team", h.slug, "--label", "ops network ");
    expect([dup.code, dup.stderr]).toEqual([1, expect.stringMatching(/already has an account/)]);

    const file = join(h.dir, "net.csv");
    await writeFile(file, generateConnectionsCsv({ rows: 40, hidden: 1 }));
    const first = await cli("import", file, "--team", h.slug, "--account", "Ops Network");
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ new: 40, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    const again = await cli("import", file, "--team", h.slug, "--account", "Ops Network");
    expect(JSON.parse(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: 40, jobChanges: 0, gone: 0, rejected: 0 });

    const other = await cli("import", file, "--team", "no-such-team-x", "--account", "Ops Network");
    expect([other.code, other.stderr]).toEqual([1, expect.stringMatching(/does not exist/)]);
  }, 60_000);

  it("stops a 3-person HubSpot file into a 300-person account unless told --partial or --whole-network", async () => {
    const corpus = (name: string) => join(import.meta.dirname, "../../../packages/importer/test-corpus/diff", name);
    expect((await cli("add-account", "--team", h.slug, "--label", "Sales Net")).code).toBe(0);
    const full = await cli("import", corpus("linkedin-300-2026.csv"), "--team", h.slug, "--account", "Sales Net");
    expect(JSON.parse(full.stdout)).toMatchObject({ new: 300, gone: 0 });
    const asked = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", h.slug, "--account", "Sales Net");
    expect([asked.code, asked.stdout]).toEqual([1, ""]);
    expect(asked.stderr).toMatch(/has 3 people; the account has 300 connected.*mark 298 gone.*--partial/);
    const partial = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", h.slug, "--account", "Sales Net", "--partial");
    expect(JSON.parse(partial.stdout)).toEqual({ new: 1, updated: 0, unchanged: 2, jobChanges: 0, gone: 0, rejected: 0 });
    const both = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", h.slug, "--account", "Sales Net", "--partial", "--whole-network");
    expect(both.code).toBe(2);
    const whole = await cli("import", corpus("hubspot-3-contacts.csv"), "--team", h.slug, "--account", "Sales Net", "--whole-network");
    expect(JSON.parse(whole.stdout)).toEqual({ new: 0, updated: 0, unchanged: 3, jobChanges: 0, gone: 298, rejected: 0 });
  }, 90_000);
});

describe("npm run cli -- create-api-key", () => {
  it("prints only the new key, which then authenticates as the team with its scope", async () => {
    const r = await cli("create-api-key", "--team", h.slug, "--scope", "read", "--name", "Reporting script");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^crm_[A-Za-z0-9_-]{43}\n$/);
    const auth = await authenticateApiKey(r.stdout.trim());
    expect(auth).toMatchObject({ scope: "READ", ctx: { slug: h.slug, role: "MEMBER" } });
    expect(r.stderr).toContain("Reporting script");
    expect(r.stderr).not.toContain(r.stdout.trim());
    const rw = await cli("create-api-key", "--team", h.slug, "--scope", "read-write");
    expect(rw.code, rw.stderr).toBe(0);
    expect((await authenticateApiKey(rw.stdout.trim())).scope).toBe("READ_WRITE");
  }, 60_000);

  it("refuses a missing or unknown scope (exit 2) and an unknown team (exit 1), printing nothing on stdout", async () => {
    for (const args of [["--team", h.slug], ["--team", h.slug, "--scope", "admin"], ["--scope", "read"]]) {
      const r = await cli("create-api-key", ...args);
      expect([r.code, r.stdout, r.stderr], args.join(" ")).toEqual([2, "", expect.stringMatching(/--scope \(read or read-write\)/)]);
    }
    const r = await cli("create-api-key", "--team", "no-such-team-x", "--scope", "read");
    expect([r.code, r.stdout, r.stderr]).toEqual([1, "", expect.stringMatching(/does not exist/)]);
  }, 60_000);
});

describe("npm run cli -- classify-titles", () => {
  it("prints one JSON line per input line with the classifier's labels", async () => {
    const r = await runCli(["classify-titles"], {}, "SVP Sales EMEA\nGeschäftsführerin | Vertrieb\n\nWerkstudent Softwareentwicklung\n");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual([
      { title: "SVP Sales EMEA", seniority: "vp", function: "sales" },
      { title: "Geschäftsführerin | Vertrieb", seniority: "c_level", function: "sales" },
      { title: "", seniority: "unknown", function: "other" },
      { title: "Werkstudent Softwareentwicklung", seniority: "intern_student", function: "engineering" },
    ]);
  });
});
