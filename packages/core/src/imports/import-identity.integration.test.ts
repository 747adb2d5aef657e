import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition } from "@crm/scoring";
import { generateConnectionsCsv } from "../testing/generate-export";
import { ownerQuery, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { countConnections } from "../connections/query/list";
import { parseFilter } from "../connections/filter/parse";
import { saveIcp } from "../icps/icps";
import { rescoreIcp } from "../icps/rescore";
import { countsOf } from "./summary";
import { addAccount, importBytes } from "./import-helpers.test-util";
import { readDiffCorpus } from "./diff-corpus.test-util";
import { confirmImportScope } from "./confirm-import";
import { processImport } from "./process-import";

// Issue 16, items 2 and 4: job changes reach the connection, and people keep their identity when
// an export shows or hides their email, drops the URL column, or is older than the last one.
// The files are in packages/importer/test-corpus/diff (README there lists the expected counts).

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("identity");
});
afterAll(stopTestEnv);

const statuses = async (accountId: string) =>
  Object.fromEntries(
    (await withTeam(a.team.id, (tx) => tx.connection.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } }))).map((g) => [g.status, g._count._all]),
  );

describe("job changes reach the connection", () => {
  it("sets jobChangedAt on the people whose job changed, shows them in the filter and the score flag, and ages it out", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const newer = await importBytes(a.ctx, acc, generateConnectionsCsv({ rows: 300, seed: 7, daysApart: 13, variant: 1, jobChangeEvery: 10 }));
    expect(countsOf(newer)).toEqual({ new: 0, updated: 30, unchanged: 270, jobChanges: 30, gone: 0, rejected: 0 });
    const changed = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc, jobChangedAt: { not: null } }, select: { company: true } }));
    expect(changed).toHaveLength(30);
    expect(changed.every((c) => c.company?.endsWith("(new 1)"))).toBe(true);

    const filter = (q: string) => ({ ...parseFilter(q).filter, accounts: [acc] });
    expect(await countConnections(a.ctx, filter("jobChanged=yes"))).toBe(30);
    expect(await countConnections(a.ctx, filter("jobChanged=no"))).toBe(270);

    // The rescore after the import sees it: the "Changed job" flag appears on exactly those 30.
    const { id, version } = await saveIcp(a.ctx, { name: "Anyone", definition: emptyIcpDefinition() });
    await rescoreIcp(a.team.id, id, { version });
    const flagged = await withTeam(a.team.id, (tx) => tx.icpScore.count({ where: { icpId: id, flags: { has: "job_change" } } }));
    expect(flagged).toBe(30);

    // Re-importing the same file keeps the flag (nothing new happened); 90 days on, an import clears it.
    await importBytes(a.ctx, acc, generateConnectionsCsv({ rows: 300, seed: 7, daysApart: 13, variant: 1, jobChangeEvery: 10 }));
    expect(await countConnections(a.ctx, filter("jobChanged=yes"))).toBe(30);
    await ownerQuery(`UPDATE "Connection" SET "jobChangedAt" = now() - interval '91 days' WHERE "accountId" = $1 AND "jobChangedAt" IS NOT NULL AND "identityKey" LIKE 'li:anna-%'`, [acc]);
    const aged = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "Connection" WHERE "accountId" = $1 AND "jobChangedAt" < now() - interval '90 days'`, [acc]);
    expect(aged[0]!.n).toBeGreaterThan(0);
    await importBytes(a.ctx, acc, generateConnectionsCsv({ rows: 300, seed: 7, daysApart: 13, variant: 1, jobChangeEvery: 10 }));
    expect(await countConnections(a.ctx, filter("jobChanged=yes"))).toBe(30 - aged[0]!.n);
  });
});

describe("identity without a URL", () => {
  it("an email that appears or disappears between two no-URL exports keeps the person (5 of 8 changed)", async () => {
    const acc = await addAccount(a.ctx);
    expect(countsOf(await importBytes(a.ctx, acc, readDiffCorpus("emails-2022-a.csv")))).toEqual({ new: 8, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    const b = await importBytes(a.ctx, acc, readDiffCorpus("emails-2022-b.csv"));
    expect(countsOf(b)).toEqual({ new: 0, updated: 5, unchanged: 3, jobChanges: 0, gone: 0, rejected: 0 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 8 });
    const emails = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { connectedOn: "desc" }, select: { email: true } }));
    expect(emails.map((e) => e.email)).toEqual([null, null, "carla.reyes@example.mx", "dev.shah@example.in", "elif.kaya@example.tr", "femi@example.ng", "greta.berg@example.no", null]);
    // And back again: the same people, no one gone or new.
    expect(countsOf(await importBytes(a.ctx, acc, readDiffCorpus("emails-2022-a.csv")))).toEqual({ new: 0, updated: 5, unchanged: 3, jobChanges: 0, gone: 0, rejected: 0 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 8 });
  });

  it("a no-URL export of the same network after a URL export matches all 300 instead of duplicating them", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const s = await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026-no-url.csv"));
    expect(countsOf(s)).toEqual({ new: 0, updated: 0, unchanged: 300, jobChanges: 0, gone: 0, rejected: 0 });
    expect(await statuses(acc)).toEqual({ CONNECTED: 300 });
    // The URL the older layout lacks is kept, and the URL export after it still matches everyone.
    const withUrl = await withTeam(a.team.id, (tx) => tx.connection.count({ where: { accountId: acc, profileUrl: { not: null } } }));
    expect(withUrl).toBe(300);
    expect(countsOf(await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv")))).toEqual({ new: 0, updated: 0, unchanged: 300, jobChanges: 0, gone: 0, rejected: 0 });
  });

  it("a 2018 export uploaded after a 2026 one asks first, and applied as the whole network is refused, saying why, changing nothing", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const before = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { id: "asc" } }));
    const held = await importBytes(a.ctx, acc, readDiffCorpus("linkedin-2018-no-url.csv"));
    expect(held.status).toBe("NEEDS_CONFIRMATION");
    await confirmImportScope(a.ctx, held.importId, "whole", { queue: false });
    const s = await processImport(a.team.id, held.importId, { refreshScores: false });
    expect(s.status).toBe("FAILED");
    expect(s.errorCode).toBe("older_export");
    expect(s.error).toMatch(/newest connection in this file is from 20 Dec 2018.*01 Nov 2026/);
    expect(s.rows).toBe(79);
    const after = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { id: "asc" } }));
    expect(after).toEqual(before);
    // Into an empty account the same file is simply a first import.
    const fresh = await addAccount(a.ctx);
    expect(countsOf(await importBytes(a.ctx, fresh, readDiffCorpus("linkedin-2018-no-url.csv")))).toEqual({ new: 79, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
  });
});
