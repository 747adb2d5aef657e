import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { generateConnectionsCsv } from "../testing/generate-export";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getImport, listRejections, rejectedRowsCsv } from "./queries";
import { processImport, ImportGoneError } from "./process-import";
import { countsOf } from "./summary";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";
import { receiveUpload } from "./upload";
import { Readable } from "node:stream";

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("importA"), signUpUser("importB")]);
});
afterAll(stopTestEnv);

const connections = (teamId: string, accountId: string) =>
  withTeam(teamId, (tx) => tx.connection.findMany({ where: { accountId }, orderBy: { identityKey: "asc" } }));

describe("importing Connections.csv into an account", () => {
  it("imports, then re-importing the same file changes nothing", async () => {
    const acc = await addAccount(a.ctx);
    const csv = generateConnectionsCsv({ rows: 500, hidden: 3 });
    const first = await importBytes(a.ctx, acc, csv);
    expect(first.status).toBe("COMPLETED");
    expect(first.format).toBe("linkedin-connections");
    expect(countsOf(first)).toEqual({ new: 500, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    expect([first.rows, first.hidden]).toEqual([503, 3]); // date-only rows: skipped, not rejected
    const before = await connections(a.team.id, acc);
    expect(before).toHaveLength(500);

    const again = await importBytes(a.ctx, acc, csv);
    expect(countsOf(again)).toEqual({ new: 0, updated: 0, unchanged: 500, jobChanges: 0, gone: 0, rejected: 0 });
    const after = await connections(a.team.id, acc);
    expect(after.map((c) => [c.id, c.updatedAt.getTime()])).toEqual(before.map((c) => [c.id, c.updatedAt.getTime()]));
    const events = await withTeam(a.team.id, (tx) => tx.connectionEvent.count({ where: { connection: { accountId: acc } } }));
    expect(events).toBe(0); // a first import is recorded by firstImportId; the re-import changed nothing
  });

  it("a newer export updates people in place, records job changes and marks the missing as gone", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, generateConnectionsCsv({ rows: 300 }));
    // Newer export: every 10th person changed company, the last 20 are gone, 5 new ones appear.
    const newer = generateConnectionsCsv({ rows: 280, variant: 1, jobChangeEvery: 10 });
    const extra = csvOf([["new-one", "Acme", "CEO"], ["new-two", "Acme", "CTO"], ["new-three", "Initech", "VP"], ["new-four", "Globex", "AE"], ["new-five", "Hooli", "SDR"]]);
    const merged = newer + "\n" + extra.split("\n").slice(4).join("\n");
    const s = await importBytes(a.ctx, acc, merged);
    expect(countsOf(s)).toEqual({ new: 5, updated: 28, unchanged: 252, jobChanges: 28, gone: 20, rejected: 0 });
    const rows = await connections(a.team.id, acc);
    expect(rows).toHaveLength(305); // gone people stay, with their status
    expect(rows.filter((r) => r.status === "GONE")).toHaveLength(20);
    const changed = await withTeam(a.team.id, (tx) =>
      tx.connectionEvent.findFirst({ where: { importId: s.importId, kind: "JOB_CHANGED" }, select: { data: true } }),
    );
    expect(changed?.data).toMatchObject({ to: { company: expect.stringContaining("(new 1)") } });
    const kinds = await withTeam(a.team.id, (tx) => tx.connectionEvent.groupBy({ by: ["kind"], where: { importId: s.importId }, _count: { _all: true } }));
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k._count._all]))).toEqual({ IMPORTED: 5, JOB_CHANGED: 28, GONE: 20 });

    // They come back in a later export: reappeared, counted as new again.
    const back = await importBytes(a.ctx, acc, generateConnectionsCsv({ rows: 300, variant: 1, jobChangeEvery: 10 }));
    expect(back.new).toBe(20);
    expect(back.gone).toBe(5);
  });

  it("verifies guided removals against the next export and flags the ones still connected", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"], ["bob-b", "Acme", "CTO"], ["cy-c", "Hooli", "AE"]]));
    await ownerQuery(`UPDATE "Connection" SET status = 'REMOVAL_PENDING' WHERE "accountId" = $1 AND "identityKey" IN ('li:ann-a', 'li:bob-b')`, [acc]);
    const s = await importBytes(a.ctx, acc, csvOf([["bob-b", "Acme", "CTO"], ["cy-c", "Hooli", "AE"]]));
    expect(s.gone).toBe(1);
    expect(s.verifiedRemovals).toBe(1);
    expect(s.stillConnected).toBe(1);
    const byKey = Object.fromEntries((await connections(a.team.id, acc)).map((c) => [c.identityKey, c]));
    expect(byKey["li:ann-a"]?.status).toBe("REMOVED");
    expect(byKey["li:bob-b"]?.status).toBe("REMOVAL_PENDING");
    expect(byKey["li:bob-b"]?.stillConnectedAt).toBeInstanceOf(Date);
  });

  it("reports every rejected row with line, field and reason, and never marks a rejected-but-known person gone", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"], ["bob-b", "Acme", "CTO"], ["cy-c", "Acme", "CFO"]]));
    const file = csvOf([["ann-a", "Acme", "CEO"]], [
      "bob,b,https://www.linkedin.com/in/bob-b,,Acme,CTO,31 Foo 2024",
      ",,,,,,08 Jun 2026",
      '=cmd,x,https://example.com/in/x-x,,"Evil, Inc",CFO,not a date',
      "cy,c,https://www.linkedin.com/in/cy-c,,Acme,CFO,01 Jan 0024",
    ]);
    const s = await importBytes(a.ctx, acc, file);
    // Bob's and Cy's bad dates are warnings: they stay, with their stored date kept (not erased).
    expect(countsOf(s)).toEqual({ new: 0, updated: 0, unchanged: 3, jobChanges: 0, gone: 0, rejected: 1 });
    expect([s.hidden, s.warnings]).toEqual([1, 2]);
    const kept = await connections(a.team.id, acc);
    expect(kept.map((c) => c.connectedOn?.toISOString().slice(0, 10))).toEqual(["2024-01-12", "2024-01-12", "2024-01-12"]);
    const rej = await listRejections(a.ctx, s.importId);
    expect(rej.map((r) => [r.line, r.field, r.code])).toEqual([[8, "URL", "invalid_profile_url"]]);
    const warned = await listRejections(a.ctx, s.importId, { kind: "warning" });
    expect(warned.map((r) => [r.line, r.field, r.code])).toEqual([
      [6, "Connected On", "invalid_date"],
      [9, "Connected On", "invalid_date"],
    ]);
    const csv = await rejectedRowsCsv(a.ctx, s.importId);
    expect(csv.startsWith("\uFEFFFile,Line,Field,Problem,Message")).toBe(true);
    expect(csv).toContain("'=cmd"); // formula-neutralised
    expect(csv).toContain('"Evil, Inc"');
  });

  it("fails an import with no valid row and leaves the connections as they were", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"]]));
    const s = await importBytes(a.ctx, acc, csvOf([], [",,,,,,08 Jun 2026"]));
    expect(s.status).toBe("FAILED");
    expect(s.error).toBe("Connections.csv lists only members LinkedIn hides (1 row with a date and nothing else), so there was nobody to import. Your connections were left as they were.");
    expect((await connections(a.team.id, acc)).map((c) => c.status)).toEqual(["CONNECTED"]);
    // Completed or failed, the uploaded bytes are not kept; the rejected rows are.
    const chunks = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ImportChunk" i JOIN "Import" m ON m.id = i."importId" WHERE m."accountId" = $1`, [acc]);
    expect(chunks[0]?.n).toBe(0);
    expect([s.rejected, s.hidden]).toEqual([0, 1]);
  });
});

describe("imports across teams", () => {
  it("team B can neither see nor import into team A's account, nor run A's import as B", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"]]));
    expect((await rejectionOf(getImport(b.ctx, s.importId))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(listRejections(b.ctx, s.importId))).code).toBe("NOT_FOUND");
    const up = rejectionOf(receiveUpload(b.ctx, { accountId: acc, fileName: "x.csv", body: Readable.from([Buffer.from("a,b\n1,2")]) }, { queue: false }));
    expect((await up).code).toBe("NOT_FOUND");
    await expect(processImport(b.team.id, s.importId)).rejects.toBeInstanceOf(ImportGoneError);
    const rows = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "Import" WHERE "teamId" = $1`, [b.team.id]);
    expect(rows[0]?.n).toBe(0);
  });
});
