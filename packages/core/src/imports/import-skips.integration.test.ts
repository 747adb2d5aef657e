import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount, importBytes } from "./import-helpers.test-util";
import { listRejections, rejectedRowsCsv } from "./queries";

// Issue 16 items 5–7 through the import job: hidden members are skipped (not rejected), a bad
// optional field is a warning on a kept person, the Rejected count includes the archive's side
// files, message stats count people once and no drafts, and the rejected-rows CSV names the
// file's own columns.

const corpus = (name: string) => readFileSync(join(import.meta.dirname, "../../../importer/test-corpus", name));

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("skipsA"), signUpUser("skipsB")]);
}, 60_000);
afterAll(stopTestEnv);

describe("what an import skips, warns about and rejects", () => {
  it("a real-looking export: 9 imported (3 with a warning), 5 hidden members skipped, 1 rejected", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, corpus("2025-hidden-warnings-stray-quotes.csv"));
    expect([s.status, s.rows, s.new, s.rejected, s.hidden, s.warnings]).toEqual(["COMPLETED", 15, 9, 1, 5, 3]);

    const people = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { identityKey: "asc" } }));
    expect(people).toHaveLength(9);
    expect(people.find((p) => p.identityKey === "li:janedoe")).toMatchObject({ firstName: "Jane", email: null });
    expect(people.find((p) => p.identityKey === "li:rahul-jones-jr")).toMatchObject({ firstName: "Rahul", lastName: "Jones, Jr." });

    const rejected = await listRejections(a.ctx, s.importId);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([[16, "stray_quote"]]);
    const warnings = await listRejections(a.ctx, s.importId, { kind: "warning" });
    expect(warnings.map((w) => [w.line, w.field, w.code])).toEqual([
      [6, "Email Address", "invalid_email"],
      [9, "Position", "too_long"],
      [10, "(row)", "stray_quote"],
    ]);
    expect(warnings[0]!.message).toContain("jane.doe@gmail");

    // The download names the file's columns, quotes every cell, and holds rejections only.
    const csv = await rejectedRowsCsv(a.ctx, s.importId);
    const [header, ...rows] = parse(csv.replace(/^\uFEFF/, "")) as string[][];
    expect(header).toEqual(["File", "Line", "Field", "Problem", "Message", "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([["Connections.csv", "16", "(row)", "stray_quote"]]);
    expect((await rejectionOf(listRejections(b.ctx, s.importId, { kind: "warning" }))).code).toBe("NOT_FOUND");
  });

  it("an export of hidden members only fails with a message that says so, and counts them as hidden", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,,,,,01 Jan 2025\n,,,,,,02 Jan 2025\n");
    expect([s.status, s.rejected, s.hidden]).toEqual(["FAILED", 0, 2]);
    expect(s.error).toContain("members LinkedIn hides");
  });

  it("an archive: the Rejected count includes the side files' rejections; messages count people once, no drafts", async () => {
    const acc = await addAccount(a.ctx);
    const zip = await buildZip([
      { path: "Basic_LinkedInDataExport_12-01-2026/Connections.csv", data: corpus("2025-hidden-warnings-stray-quotes.csv") },
      { path: "Basic_LinkedInDataExport_12-01-2026/messages.csv", data: corpus("messages-2025-urls-drafts.csv") },
    ]);
    const s = await importBytes(a.ctx, acc, zip, "Basic_LinkedInDataExport_12-01-2026.zip");
    expect(s.status).toBe("COMPLETED");
    // 1 stray-quote row in Connections.csv + 1 message dated "yesterday".
    expect([s.rejected, s.hidden, s.details.sideRejected]).toEqual([2, 5, 1]);
    expect(s.details.messages).toMatchObject({ rows: 5, people: 3 });
    const rejected = await listRejections(a.ctx, s.importId);
    expect(rejected.map((r) => [r.file, r.line, r.field])).toEqual([
      ["Connections.csv", 16, "(row)"],
      ["messages.csv", 9, "DATE"],
    ]);
    const [header] = parse((await rejectedRowsCsv(a.ctx, s.importId)).replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    expect(header!.slice(5, 8)).toEqual(["First Name / CONVERSATION ID", "Last Name / CONVERSATION TITLE", "URL / FROM"]);
  });
});
