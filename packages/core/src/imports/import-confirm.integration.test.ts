import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { countsOf } from "./summary";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";
import { readDiffCorpus } from "./diff-corpus.test-util";
import { processImport } from "./process-import";
import { confirmImportScope } from "./confirm-import";
import { discardImport } from "./discard-import";

// Issue 16, item 3: a partial or other-tool export does not mark the rest of the network gone
// without the user saying it is the whole network. Files: packages/importer/test-corpus/diff.

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("confirmA"), signUpUser("confirmB")]);
});
afterAll(stopTestEnv);

const statuses = async (accountId: string) =>
  Object.fromEntries(
    (await withTeam(a.team.id, (tx) => tx.connection.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } }))).map((g) => [g.status, g._count._all]),
  );

async function accountWith300() {
  const acc = await addAccount(a.ctx);
  expect(countsOf(await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv")))).toMatchObject({ new: 300, gone: 0 });
  return acc;
}

describe("an import that would mark many people gone waits for the user", () => {
  it("a 3-person HubSpot export into a 300-person account stops, says how many and why, and changes nothing", async () => {
    const acc = await accountWith300();
    const s = await importBytes(a.ctx, acc, readDiffCorpus("hubspot-3-contacts.csv"), "hubspot-contacts.csv");
    expect(s.status).toBe("NEEDS_CONFIRMATION");
    expect(s.details.confirmation).toEqual({ reason: "other_tool", format: "hubspot", filePeople: 3, accountConnected: 300, wouldGo: 298 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 300 });
    const chunks = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ImportChunk" WHERE "importId" = $1`, [s.importId]);
    expect(chunks[0]!.n).toBeGreaterThan(0); // the bytes stay until the user decides
  });
});

describe("answering the confirmation", () => {
  async function held(file = "hubspot-3-contacts.csv") {
    const acc = await accountWith300();
    const s = await importBytes(a.ctx, acc, readDiffCorpus(file), file);
    expect(s.status).toBe("NEEDS_CONFIRMATION");
    return { acc, importId: s.importId };
  }

  it("partial: adds and updates the 3, marks no one gone; the next real export brings no one back as new", async () => {
    const { acc, importId } = await held();
    expect(await confirmImportScope(a.ctx, importId, "partial", { queue: false })).toEqual({ queued: true, scope: "partial" });
    const s = await processImport(a.team.id, importId, { refreshScores: false });
    expect(s.status).toBe("COMPLETED");
    expect(countsOf(s)).toEqual({ new: 1, updated: 0, unchanged: 2, jobChanges: 0, gone: 0, rejected: 0 });
    expect(s.details.scope).toBe("partial");
    expect(await statuses(acc)).toEqual({ CONNECTED: 301 });
    const next = await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    expect(countsOf(next)).toEqual({ new: 0, updated: 0, unchanged: 300, jobChanges: 0, gone: 1, rejected: 0 });
    const reappeared = await withTeam(a.team.id, (tx) => tx.connectionEvent.count({ where: { importId: next.importId, kind: "REAPPEARED" } }));
    expect(reappeared).toBe(0);
  });

  it("whole network: marks the 298 others gone, as the user said", async () => {
    const { acc, importId } = await held();
    await confirmImportScope(a.ctx, importId, "whole", { queue: false });
    const s = await processImport(a.team.id, importId, { refreshScores: false });
    expect(countsOf(s)).toEqual({ new: 1, updated: 0, unchanged: 2, jobChanges: 0, gone: 298, rejected: 0 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 3, GONE: 298 });
  });

  it("a LinkedIn export far smaller than the account (30 of 300) asks too; a normal one does not", async () => {
    const acc = await accountWith300();
    const lines = new TextDecoder().decode(readDiffCorpus("linkedin-300-2026.csv")).split("\n");
    const s = await importBytes(a.ctx, acc, lines.slice(0, 4 + 30).join("\n"));
    expect(s.details.confirmation).toEqual({ reason: "many_gone", format: "linkedin-connections", filePeople: 30, accountConnected: 300, wouldGo: 270 });
    // 30 gone of 300 is the threshold (10%): applied without asking.
    const normal = await importBytes(a.ctx, acc, lines.slice(0, 4 + 270).join("\n"));
    expect(normal.status).toBe("COMPLETED");
    expect(normal.gone).toBe(30);
  });

  it("two answers at once (or a double click) apply it once; a different later answer is refused", async () => {
    const { importId } = await held();
    const both = await Promise.all([
      confirmImportScope(a.ctx, importId, "partial", { queue: false }),
      confirmImportScope(a.ctx, importId, "partial", { queue: false }),
    ]);
    expect(both.map((r) => r.queued).sort()).toEqual([false, true]);
    const audits = await withTeam(a.team.id, (tx) => tx.auditLog.count({ where: { action: "import.confirm_scope", targetId: importId } }));
    expect(audits).toBe(1);
    expect((await rejectionOf(confirmImportScope(a.ctx, importId, "whole", { queue: false }))).code).toBe("CONFLICT");
    expect((await rejectionOf(confirmImportScope(a.ctx, importId, "everything", { queue: false }))).code).toBe("VALIDATION");
  });

  it("a discarded import cannot be answered, and an answered one cannot be discarded", async () => {
    const first = await held();
    await discardImport(a.ctx, first.importId);
    expect((await rejectionOf(confirmImportScope(a.ctx, first.importId, "partial", { queue: false }))).code).toBe("CONFLICT");
    const second = await held();
    await confirmImportScope(a.ctx, second.importId, "partial", { queue: false });
    expect((await rejectionOf(discardImport(a.ctx, second.importId))).code).toBe("CONFLICT");
  });

  it("another team can neither see nor answer it", async () => {
    const { importId } = await held();
    expect((await rejectionOf(confirmImportScope(b.ctx, importId, "whole", { queue: false }))).code).toBe("NOT_FOUND");
  });

  it("whole network applies to the number the user confirmed: if more would go by the time it runs, it asks again", async () => {
    const { acc, importId } = await held(); // "would mark 298 gone"
    await confirmImportScope(a.ctx, importId, "whole", { queue: false });
    // Before it runs, another import of the account adds 20 people (applied as a partial list).
    const more = csvOf(Array.from({ length: 20 }, (_, i) => [`late-comer${i}`, "Initech", "CTO"] as [string, string, string]));
    const other = await importBytes(a.ctx, acc, more);
    await confirmImportScope(a.ctx, other.importId, "partial", { queue: false });
    expect((await processImport(a.team.id, other.importId, { refreshScores: false })).new).toBe(20);

    const s = await processImport(a.team.id, importId, { refreshScores: false });
    expect(s.status).toBe("NEEDS_CONFIRMATION");
    expect(s.details.confirmation).toMatchObject({ wouldGo: 318, previousWouldGo: 298, accountConnected: 320 });
    expect(s.details.scope).toBeUndefined();
    expect(await statuses(acc)).toEqual({ CONNECTED: 320 });
    // Confirmed again with the new number, it applies.
    await confirmImportScope(a.ctx, importId, "whole", { queue: false });
    const done = await processImport(a.team.id, importId, { refreshScores: false });
    expect(done.gone).toBe(318);
    expect(done.details).toMatchObject({ scope: "whole", confirmedWouldGo: 318 });
  });

  it("an answer to a number no longer shown is refused: A's old page cannot confirm the re-asked 318", async () => {
    const { acc, importId } = await held(); // admins A and B both see "would mark 298 gone"
    await confirmImportScope(a.ctx, importId, "whole", { queue: false, expectedWouldGo: 298 }); // B answers
    const more = csvOf(Array.from({ length: 20 }, (_, i) => [`stale-page${i}`, "Initech", "CTO"] as [string, string, string]));
    const other = await importBytes(a.ctx, acc, more);
    await confirmImportScope(a.ctx, other.importId, "partial", { queue: false });
    await processImport(a.team.id, other.importId, { refreshScores: false });
    expect((await processImport(a.team.id, importId, { refreshScores: false })).details.confirmation?.wouldGo).toBe(318);
    // A clicks "whole" on the page that still says 298.
    const err = await rejectionOf(confirmImportScope(a.ctx, importId, "whole", { queue: false, expectedWouldGo: 298 }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain("it is now 318");
    const row = await withTeam(a.team.id, (tx) => tx.import.findFirst({ where: { id: importId }, select: { status: true } }));
    expect(row?.status).toBe("NEEDS_CONFIRMATION");
    // Answered with the number now shown, it applies.
    expect((await confirmImportScope(a.ctx, importId, "whole", { queue: false, expectedWouldGo: 318 })).queued).toBe(true);
  });

  it("a few more gone than confirmed (within the tolerance) applies without asking again", async () => {
    const { acc, importId } = await held();
    await confirmImportScope(a.ctx, importId, "whole", { queue: false });
    const other = await importBytes(a.ctx, acc, csvOf([["late-one", "Initech", "CTO"], ["late-two", "Initech", "CTO"]]));
    await confirmImportScope(a.ctx, other.importId, "partial", { queue: false });
    await processImport(a.team.id, other.importId, { refreshScores: false });
    const done = await processImport(a.team.id, importId, { refreshScores: false });
    expect([done.status, done.gone]).toEqual(["COMPLETED", 300]);
  });

  it("the CLI's --partial / --whole-network answer up front: no stop", async () => {
    const acc = await accountWith300();
    const buf = readDiffCorpus("hubspot-3-contacts.csv");
    const { receiveUpload } = await import("./upload");
    const { Readable } = await import("node:stream");
    const { importId } = await receiveUpload(a.ctx, { accountId: acc, fileName: "hubspot.csv", body: Readable.from([Buffer.from(buf)]), declaredBytes: buf.length }, { queue: false });
    const s = await processImport(a.team.id, importId, { refreshScores: false, scope: "partial" });
    expect(countsOf(s)).toEqual({ new: 1, updated: 0, unchanged: 2, jobChanges: 0, gone: 0, rejected: 0 });
  });
});
