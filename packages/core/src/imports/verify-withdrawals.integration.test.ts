import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { localDateOf } from "../removals/local-day";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { addAccount, csvOf, importWholeNetwork } from "./import-helpers.test-util";
import { importArchive, INVITATIONS_HEADER, invitationsOf, out } from "./invitations.test-util";
import { exportDayFromFileName, stillPendingNoteFor } from "./verify-withdrawals";

// The next archive verifies what the owner recorded in the withdrawal session (docs/decisions/0013):
// confirmed outcomes are verified, contradicted ones go back to the session with a note, and
// approved withdrawals nobody did yet close when there is nothing left to withdraw. The outcomes
// and items are written with SQL (the recording service is tested on its own).

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("verifyWdA"), signUpUser("verifyWdB")]);
});
afterAll(stopTestEnv);

const ANN: [string, string, string] = ["ann-a", "Acme", "CEO"];
const DEFAULT_RECORDED_AT = new Date("2025-01-10T10:00:00Z");

type TSetup = { item: "DONE" | "APPROVED"; outcome?: "WITHDRAWN" | "ACCEPTED" | "KEPT"; undone?: boolean; at?: Date; setWithdrawnAt?: boolean };

/** A withdraw item for the invitation and, unless none, a live outcome recorded at RECORDED_AT. */
async function record(u: TSignedUpUser, accountId: string, invitationId: string, s: TSetup): Promise<{ itemId: string; outcomeId: string | null }> {
  const RECORDED_AT = s.at ?? DEFAULT_RECORDED_AT;
  const itemId = crypto.randomUUID();
  const outcomeId = s.outcome ? crypto.randomUUID() : null;
  await withTeam(u.team.id, async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, "decidedById", "decidedAt", "executedAt", "closedReason", "closedAt", "updatedAt")
      VALUES (${itemId}, ${u.team.id}, ${invitationId}, ${accountId}, 'WITHDRAW_INVITATION', ${s.item}::"ReviewState", 'REMOVE', ${u.userId}, ${RECORDED_AT},
              ${s.outcome === "WITHDRAWN" && !s.undone ? RECORDED_AT : null}, ${s.outcome === "ACCEPTED" ? "accepted" : null}, ${s.outcome === "ACCEPTED" ? RECORDED_AT : null}, ${RECORDED_AT})`;
    if (!s.outcome) return;
    await tx.$executeRaw`
      INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt", "undoneAt")
      VALUES (${outcomeId}, ${u.team.id}, ${accountId}, ${itemId}, ${invitationId}, ${s.outcome}::"WithdrawalOutcomeKind", '2025-01-10'::date,
              ${s.outcome === "WITHDRAWN"}, ${s.undone ? null : itemId}, ${u.userId}, ${RECORDED_AT}, ${s.undone ? RECORDED_AT : null})`;
    // As the session records a withdrawal (withdrawals/writes.ts): the invitation's withdrawnAt is the outcome's time.
    if (s.setWithdrawnAt) await tx.$executeRaw`UPDATE "PendingInvitation" SET "withdrawnAt" = ${RECORDED_AT} WHERE id = ${invitationId}`;
  });
  return { itemId, outcomeId };
}

/** An archive with this file name (LinkedIn's names carry the export day). */
async function importNamed(accountId: string, fileName: string, people: Array<[string, string, string]>, lines: string[]) {
  const dir = fileName.replace(/\.zip$/, "");
  const zip = await buildZip([
    { path: `${dir}/Connections.csv`, data: Buffer.from(csvOf(people)) },
    { path: `${dir}/Invitations.csv`, data: Buffer.from([INVITATIONS_HEADER, ...lines].join("\n")) },
  ]);
  return importWholeNetwork(a.ctx, accountId, zip, fileName);
}

const itemsOf = (u: TSignedUpUser, ids: string[]) =>
  withTeam(u.team.id, (tx) => tx.reviewItem.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, executedAt: true, retryNote: true, closedReason: true, closedAt: true, version: true } }));
const outcomesOf = (u: TSignedUpUser, ids: string[]) =>
  withTeam(u.team.id, (tx) => tx.withdrawalOutcome.findMany({ where: { id: { in: ids } }, select: { id: true, liveFor: true, supersededAt: true, verification: true, verifiedAt: true } }));

const FIRST = [
  out("Dee D", "dee-d", "12/15/24 7:47 AM"), // withdrawn, then gone
  out("Eve E", "eve-e", "12/1/24 9:00 AM"), // withdrawn, but still pending
  out("Fay F", "fay-f", "11/1/24 9:00 AM"), // "they accepted", and they did
  out("Gus G", "gus-g", "10/1/24 9:00 AM"), // withdrawn, then invited again after
  out("Hal H", "hal-h", "9/1/24 9:00 AM"), // approved, not done; accepts meanwhile
  out("Ivy I", "ivy-i", "9/2/24 9:00 AM"), // approved, not done; gone meanwhile
  out("Jay J", "jay-j", "9/3/24 9:00 AM"), // "they accepted", but still pending
  out("Kim K", "kim-k", "9/4/24 9:00 AM"), // "they accepted", then gone (declined after all)
  out("Lou L", "lou-l", "9/5/24 9:00 AM"), // withdrawn, undone: not live
  out("Max M", "max-m", "9/6/24 9:00 AM"), // kept waiting: nothing to verify
  out("Ned N", "ned-n", "9/7/24 9:00 AM"), // approved, not done, still pending: stays
];

describe("verifying withdrawals against the next archive", () => {
  it("verifies what happened, sends the contradicted back with a note, closes what is left to do", async () => {
    const acc = await addAccount(a.ctx); // Europe/Berlin
    expect((await importArchive(a.ctx, acc, [ANN], FIRST)).status).toBe("COMPLETED");
    const inv = await invitationsOf(a.ctx, acc);
    const id = (slug: string) => inv[`OUTGOING li:${slug}`]!.id;
    const dee = await record(a, acc, id("dee-d"), { item: "DONE", outcome: "WITHDRAWN" });
    const eve = await record(a, acc, id("eve-e"), { item: "DONE", outcome: "WITHDRAWN", setWithdrawnAt: true });
    const fay = await record(a, acc, id("fay-f"), { item: "DONE", outcome: "ACCEPTED" });
    const gus = await record(a, acc, id("gus-g"), { item: "DONE", outcome: "WITHDRAWN" });
    const hal = await record(a, acc, id("hal-h"), { item: "APPROVED" });
    const ivy = await record(a, acc, id("ivy-i"), { item: "APPROVED" });
    const jay = await record(a, acc, id("jay-j"), { item: "DONE", outcome: "ACCEPTED" });
    const kim = await record(a, acc, id("kim-k"), { item: "DONE", outcome: "ACCEPTED" });
    const lou = await record(a, acc, id("lou-l"), { item: "APPROVED", outcome: "WITHDRAWN", undone: true });
    const max = await record(a, acc, id("max-m"), { item: "DONE", outcome: "KEPT" });
    const ned = await record(a, acc, id("ned-n"), { item: "APPROVED" });
    const before = Object.fromEntries((await itemsOf(a, [dee, eve, fay, gus, hal, ivy, jay, kim, lou, max, ned].map((x) => x.itemId))).map((i) => [i.id, i]));

    // Fay and Hal are connections now; Dee, Ivy, Kim and Lou are no longer listed; Gus was invited again.
    const s = await importArchive(a.ctx, acc, [ANN, ["fay-f", "Hooli", "AE"], ["hal-h", "Hooli", "VP"]], [
      out("Eve E", "eve-e", "12/1/24 9:00 AM"),
      out("Gus G", "gus-g", "2/1/25 9:00 AM"),
      out("Jay J", "jay-j", "9/3/24 9:00 AM"),
      out("Max M", "max-m", "9/6/24 9:00 AM"),
      out("Ned N", "ned-n", "9/7/24 9:00 AM"),
    ]);
    expect(s.status).toBe("COMPLETED");
    expect(s.details.invitations).toMatchObject({ pending: 5, accepted: 2, gone: 4, withdrawals: { verified: 4, returned: 2, closed: 3 } });

    const outcomes = Object.fromEntries((await outcomesOf(a, [dee, eve, fay, gus, jay, kim, lou, max].map((x) => x.outcomeId!))).map((o) => [o.id, o]));
    const verified = (x: { outcomeId: string | null; itemId: string }, verification: string) =>
      expect(outcomes[x.outcomeId!]).toMatchObject({ verification, verifiedAt: s.finishedAt, liveFor: x.itemId, supersededAt: null });
    verified(dee, "withdrawn");
    verified(fay, "accepted");
    verified(gus, "withdrawn"); // invited again after the recorded withdrawal: the withdrawal happened
    verified(kim, "gone");
    for (const x of [eve, jay]) expect(outcomes[x.outcomeId!]).toMatchObject({ verification: null, verifiedAt: null, liveFor: null, supersededAt: s.finishedAt });
    // The contradicted withdrawal no longer stands: Eve's invitation is not "withdrawn" any more.
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:eve-e"]!.withdrawnAt).toBeNull();
    for (const x of [lou, max]) expect(outcomes[x.outcomeId!]).toMatchObject({ verification: null, verifiedAt: null, supersededAt: null });

    const items = Object.fromEntries((await itemsOf(a, Object.keys(before))).map((i) => [i.id, i]));
    const note = stillPendingNoteFor(localDateOf(s.finishedAt!, "Europe/Berlin"));
    expect(note).toMatch(/^Still pending in your export of \d{4}-\d{2}-\d{2}$/);
    for (const x of [eve, jay]) {
      expect(items[x.itemId]).toMatchObject({ state: "APPROVED", executedAt: null, retryNote: note, closedReason: null, closedAt: null, version: before[x.itemId]!.version + 1 });
    }
    expect(items[hal.itemId]).toMatchObject({ state: "CLOSED", closedReason: "accepted", closedAt: s.finishedAt, version: before[hal.itemId]!.version + 1 });
    expect(items[ivy.itemId]).toMatchObject({ state: "CLOSED", closedReason: "gone", closedAt: s.finishedAt });
    // Verified or untouched items keep their state and version.
    for (const x of [dee, fay, gus, kim, max, ned]) expect(items[x.itemId]).toEqual(before[x.itemId]);
    // Lou's outcome was undone (the item is approved again) and the invitation is gone: nothing left to withdraw.
    expect(items[lou.itemId]).toMatchObject({ state: "CLOSED", closedReason: "gone" });

    // The next archive, the same again: nothing left to verify.
    const again = await importArchive(a.ctx, acc, [ANN, ["fay-f", "Hooli", "AE"], ["hal-h", "Hooli", "VP"]], [
      out("Eve E", "eve-e", "12/1/24 9:00 AM"),
      out("Gus G", "gus-g", "2/1/25 9:00 AM"),
      out("Jay J", "jay-j", "9/3/24 9:00 AM"),
      out("Max M", "max-m", "9/6/24 9:00 AM"),
      out("Ned N", "ned-n", "9/7/24 9:00 AM"),
    ]);
    expect(again.details.invitations).toMatchObject({ accepted: 0, gone: 0, withdrawals: { verified: 0, returned: 0, closed: 0 } });
  });

  it("an archive that may predate a withdrawal does not contradict it; gone and accepted are still verified", async () => {
    const acc = await addAccount(a.ctx);
    const early = new Date("2025-12-01T10:00:00Z"); // before the newest invitation the archive lists (Jan 2026)
    const late = new Date(Date.now() - 2 * 86_400_000); // after anything the archive shows
    const lines = [out("Eve E", "eve-e", "1/1/26 9:00 AM"), out("Fay F", "fay-f", "11/1/25 9:00 AM"), out("Gil G", "gil-g", "11/2/25 9:00 AM"), out("Hal H", "hal-h", "11/3/25 9:00 AM")];
    // No date in the archive's name: the latest invitation it lists is the only evidence of its age.
    await importNamed(acc, "my-archive.zip", [ANN], lines);
    const id = (slug: string) => invitationsOf(a.ctx, acc).then((x) => x[`OUTGOING li:${slug}`]!.id);
    const fay = await record(a, acc, await id("fay-f"), { item: "DONE", outcome: "WITHDRAWN", at: early, setWithdrawnAt: true });
    const gil = await record(a, acc, await id("gil-g"), { item: "DONE", outcome: "WITHDRAWN", at: late, setWithdrawnAt: true });
    const hal = await record(a, acc, await id("hal-h"), { item: "DONE", outcome: "WITHDRAWN", at: late });
    // An earlier withdrawal of Fay's (before a re-invite) is not this outcome's: it stays.
    const s = await importNamed(acc, "my-archive.zip", [ANN], lines.slice(0, 3));
    expect(s.details.invitations).toMatchObject({ gone: 1, withdrawals: { verified: 1, returned: 1, closed: 0 } });
    const o = Object.fromEntries((await outcomesOf(a, [fay.outcomeId!, gil.outcomeId!, hal.outcomeId!])).map((x) => [x.id, x]));
    expect(o[fay.outcomeId!]).toMatchObject({ verification: null, supersededAt: s.finishedAt, liveFor: null });
    expect(o[gil.outcomeId!]).toMatchObject({ verification: null, verifiedAt: null, supersededAt: null, liveFor: gil.itemId }); // waits for the next archive
    expect(o[hal.outcomeId!]).toMatchObject({ verification: "withdrawn", supersededAt: null });
    const items = Object.fromEntries((await itemsOf(a, [fay.itemId, gil.itemId])).map((x) => [x.id, x.state]));
    expect(items).toEqual({ [fay.itemId]: "APPROVED", [gil.itemId]: "DONE" });
    const inv = await invitationsOf(a.ctx, acc);
    expect([inv["OUTGOING li:fay-f"]!.withdrawnAt, inv["OUTGOING li:gil-g"]!.withdrawnAt]).toEqual([null, late]);

    // LinkedIn's archive name carries the day it was made: an outcome recorded before that day can be contradicted.
    const acc2 = await addAccount(a.ctx);
    await importNamed(acc2, "Basic_LinkedInDataExport_11-20-2026.zip", [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    const eve = await record(a, acc2, (await invitationsOf(a.ctx, acc2))["OUTGOING li:eve-e"]!.id, { item: "DONE", outcome: "WITHDRAWN", at: new Date("2026-10-01T10:00:00Z") });
    const again = await importNamed(acc2, "Basic_LinkedInDataExport_11-20-2026.zip", [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    expect(again.details.invitations).toMatchObject({ withdrawals: { verified: 0, returned: 1 } });
    expect((await itemsOf(a, [eve.itemId]))[0]!.state).toBe("APPROVED");
  });

  it("reads the export day from LinkedIn's archive name, earlier reading first, never in the future", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    expect(exportDayFromFileName("Basic_LinkedInDataExport_11-20-2026.zip", now)).toEqual(new Date("2026-11-19T00:00:00Z"));
    expect(exportDayFromFileName("Complete_LinkedInDataExport_03-04-2026 (1).zip", now)).toEqual(new Date("2026-03-03T00:00:00Z"));
    expect(exportDayFromFileName("Basic_LinkedInDataExport_12-20-2026.zip", now)).toBeNull();
    expect(exportDayFromFileName("Basic_LinkedInDataExport_13-13-2026.zip", now)).toBeNull();
    expect(exportDayFromFileName("archive.zip", now)).toBeNull();
  });

  it("a rejected row of a withdrawn invitation is still listed: the withdrawal is neither verified nor contradicted", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM"), out("Fay F", "fay-f", "1/1/26 9:00 AM"), out("Gil G", "gil-g", "3/2/26 9:00 AM")]);
    const inv = await invitationsOf(a.ctx, acc);
    const at = new Date("2026-02-01T10:00:00Z"); // after they were sent, before Gil's row shows the archive was made
    const eve = await record(a, acc, inv["OUTGOING li:eve-e"]!.id, { item: "DONE", outcome: "WITHDRAWN", at });
    const fay = await record(a, acc, inv["OUTGOING li:fay-f"]!.id, { item: "DONE", outcome: "WITHDRAWN", at });
    // Eve's row has an unreadable date; Fay's a direction nobody can read, so nobody is "no longer listed".
    const s = await importArchive(a.ctx, acc, [ANN], [
      "Me Myself,Eve E,not a date,,OUTGOING,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/eve-e",
      "Me Myself,Fay F,1/1/26 9:00 AM,,SENT,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/fay-f",
      out("Gil G", "gil-g", "3/2/26 9:00 AM"),
    ]);
    expect(s.status).toBe("COMPLETED");
    expect(s.details.invitations).toMatchObject({ gone: 0, unlistedSkipped: true, withdrawals: { verified: 0, returned: 0 } });
    const after = await invitationsOf(a.ctx, acc);
    expect([after["OUTGOING li:eve-e"]!.status, after["OUTGOING li:fay-f"]!.status]).toEqual(["PENDING", "PENDING"]);
    for (const x of await outcomesOf(a, [eve.outcomeId!, fay.outcomeId!])) expect(x).toMatchObject({ verification: null, supersededAt: null });
    expect((await itemsOf(a, [eve.itemId, fay.itemId])).map((x) => x.state)).toEqual(["DONE", "DONE"]);
  });

  it("an invitation known by name and then by URL stays one row: its withdrawal is neither verified nor lost", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", null, "1/1/26 9:00 AM")]); // before 2024: no URL columns' values
    const byName = (await invitationsOf(a.ctx, acc))["OUTGOING name:eve e"]!;
    const late = new Date(Date.now() - 2 * 86_400_000);
    const eve = await record(a, acc, byName.id, { item: "DONE", outcome: "WITHDRAWN", at: late, setWithdrawnAt: true });
    const s = await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    expect(s.details.invitations).toMatchObject({ rekeyed: 1, new: 0, gone: 0, withdrawals: { verified: 0, returned: 0 } });
    const rows = await invitationsOf(a.ctx, acc);
    expect(Object.keys(rows)).toEqual(["OUTGOING li:eve-e"]);
    expect(rows["OUTGOING li:eve-e"]).toMatchObject({ id: byName.id, status: "PENDING", withdrawnAt: late });
    expect((await outcomesOf(a, [eve.outcomeId!]))[0]).toMatchObject({ verification: null, supersededAt: null, liveFor: eve.itemId });
  });

  it("another team's import never verifies, returns or closes this team's withdrawals", async () => {
    const accA = await addAccount(a.ctx);
    await importArchive(a.ctx, accA, [ANN], [out("Dee D", "dee-d", "12/15/24 7:47 AM"), out("Eve E", "eve-e", "12/1/24 9:00 AM")]);
    const invA = await invitationsOf(a.ctx, accA);
    const dee = await record(a, accA, invA["OUTGOING li:dee-d"]!.id, { item: "DONE", outcome: "WITHDRAWN" });
    const eve = await record(a, accA, invA["OUTGOING li:eve-e"]!.id, { item: "APPROVED" });
    const items = await itemsOf(a, [dee.itemId, eve.itemId]);
    const outcomes = await outcomesOf(a, [dee.outcomeId!]);

    // Team B's account: Dee is gone there, Eve a connection.
    const accB = await addAccount(b.ctx);
    await importArchive(b.ctx, accB, [ANN], [out("Dee D", "dee-d", "12/15/24 7:47 AM"), out("Eve E", "eve-e", "12/1/24 9:00 AM")]);
    const s = await importArchive(b.ctx, accB, [ANN, ["eve-e", "Hooli", "AE"]], []);
    expect(s.details.invitations).toMatchObject({ accepted: 1, gone: 1, withdrawals: { verified: 0, returned: 0, closed: 0 } });

    expect(await itemsOf(a, [dee.itemId, eve.itemId])).toEqual(items);
    expect(await outcomesOf(a, [dee.outcomeId!])).toEqual(outcomes);
    expect(Object.values(await invitationsOf(a.ctx, accA)).map((r) => r.status)).toEqual(["PENDING", "PENDING"]);
    // Team B cannot even see them.
    expect(await withTeam(b.team.id, (tx) => tx.withdrawalOutcome.count({ where: { id: dee.outcomeId! } }))).toBe(0);
  });
});
