import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { countsOf } from "./summary";
import { confirmImportScope } from "./confirm-import";
import { processImport } from "./process-import";
import { addAccount, HEADER, importBytes, PREAMBLE } from "./import-helpers.test-util";
import { readDiffCorpus } from "./diff-corpus.test-util";

// Review of issue 16 items 3–4: the older-export check only guards a file applied as the whole
// network (it would mark people gone). A partial file is never refused for being old, and a real
// latest export is not taken for an old one because a few recent connections removed the user.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("olderExport");
});
afterAll(stopTestEnv);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const row = (i: number, day: Date) =>
  `P${i},Person,https://www.linkedin.com/in/p-${i},,Acme,Engineer,${String(day.getUTCDate()).padStart(2, "0")} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
/** Twenty people connected in 2025, one a fortnight. */
const twenty2025 = PREAMBLE + [HEADER, ...Array.from({ length: 20 }, (_, i) => row(i, new Date(Date.UTC(2025, 0, 5 + 14 * i))))].join("\n");
const one2019 = PREAMBLE + [HEADER, row(99, new Date(Date.UTC(2019, 4, 2)))].join("\n");

const statuses = async (accountId: string) =>
  Object.fromEntries(
    (await withTeam(a.team.id, (tx) => tx.connection.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } }))).map((g) => [g.status, g._count._all]),
  );

describe("an old file applied as a partial list is not refused", () => {
  it("a 1-row file of a 2019 contact into 20 people from 2025 asks partial/whole; partial adds the one", async () => {
    const acc = await addAccount(a.ctx);
    expect(countsOf(await importBytes(a.ctx, acc, twenty2025))).toMatchObject({ new: 20 });
    const s = await importBytes(a.ctx, acc, one2019);
    expect(s.status).toBe("NEEDS_CONFIRMATION");
    expect(s.details.confirmation).toMatchObject({ reason: "many_gone", filePeople: 1, accountConnected: 20, wouldGo: 20 });
    await confirmImportScope(a.ctx, s.importId, "partial", { queue: false });
    const done = await processImport(a.team.id, s.importId, { refreshScores: false });
    expect(done.status).toBe("COMPLETED");
    expect(countsOf(done)).toEqual({ new: 1, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 21 });
  });

  it("the CLI's --partial gets past it too", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, twenty2025);
    const { receiveUpload } = await import("./upload");
    const { Readable } = await import("node:stream");
    const { importId } = await receiveUpload(a.ctx, { accountId: acc, fileName: "Connections.csv", body: Readable.from([Buffer.from(one2019)]) }, { queue: false });
    const done = await processImport(a.team.id, importId, { refreshScores: false, scope: "partial" });
    expect(done.status).toBe("COMPLETED");
    expect(done.new).toBe(1);
  });

  it("applied as the whole network, the same old file is refused as an older export, changing nothing", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, twenty2025);
    const s = await importBytes(a.ctx, acc, one2019);
    await confirmImportScope(a.ctx, s.importId, "whole", { queue: false });
    const done = await processImport(a.team.id, s.importId, { refreshScores: false });
    expect([done.status, done.errorCode]).toEqual(["FAILED", "older_export"]);
    expect(done.error).toMatch(/02 May 2019.*20 people connected after that.*partial list/);
    expect(await statuses(acc)).toEqual({ CONNECTED: 20 });
  });
});

describe("a real latest export is not taken for an old one", () => {
  it("the three newest connections removed the user since the last import: applied, 3 gone", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const lines = new TextDecoder().decode(readDiffCorpus("linkedin-300-2026.csv")).split("\n");
    // Lines 0–3 are the notes and the header; 4–6 are the three newest people (01 Nov, 19 Oct, 06 Oct 2026).
    const s = await importBytes(a.ctx, acc, [...lines.slice(0, 4), ...lines.slice(7)].join("\n"));
    expect(s.status).toBe("COMPLETED");
    expect(countsOf(s)).toEqual({ new: 0, updated: 0, unchanged: 297, jobChanges: 0, gone: 3, rejected: 0 });
    // And the next export after that is not refused either (the account's newest are gone now).
    expect((await importBytes(a.ctx, acc, [...lines.slice(0, 4), ...lines.slice(7)].join("\n"))).status).toBe("COMPLETED");
  });

  it("an export older by months, missing many recent people, still is refused when applied without asking", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const lines = new TextDecoder().decode(readDiffCorpus("linkedin-300-2026.csv")).split("\n");
    // Without its 12 newest people (about five months): few enough to apply without asking (≤ 30).
    const s = await importBytes(a.ctx, acc, [...lines.slice(0, 4), ...lines.slice(16)].join("\n"));
    expect([s.status, s.errorCode]).toEqual(["FAILED", "older_export"]);
    expect(await statuses(acc)).toEqual({ CONNECTED: 300 });
  });
});
