import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { listAccountInvitations } from "../linkedin-invitations/list-invitations";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { addAccount, csvOf, importWholeNetwork } from "./import-helpers.test-util";
import { importArchive, inc, invitationsOf, out } from "./invitations.test-util";

// Invitations are stable rows (docs/decisions/0013): each archive with Invitations.csv updates
// them (pending, accepted, gone, re-invited) instead of rewriting a snapshot.

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("invApplyA"), signUpUser("invApplyB")]);
});
afterAll(stopTestEnv);

const ANN: [string, string, string] = ["ann-a", "Acme", "CEO"];
const BO: [string, string, string] = ["bo-name", "Acme", "CTO"];
const DEE: [string, string, string] = ["dee-d", "Globex", "VP"];

describe("applying Invitations.csv", () => {
  it("tells pending from accepted, by profile URL or else by name; the list shows only pending ones", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importArchive(a.ctx, acc, [ANN, BO], [
      out("Dee D", "dee-d", "12/15/24 7:47 AM", "Hi Dee"),
      inc("Ann A", "ann-a", "11/15/24 7:47 AM"), // a connection now: accepted
      out("Bo Name", null, "10/15/24 7:47 AM"), // no URL, and a connection has that name
      out("Zed Zulu", null, "10/16/24 7:47 AM"), // no URL, nobody of that name
    ]);
    expect(s.status).toBe("COMPLETED");
    expect(s.details.invitations).toEqual({
      rows: 4, pending: 2, new: 4, accepted: 0, gone: 0, rekeyed: 0, rejectedKept: 0, unlistedSkipped: false, withdrawals: { verified: 0, returned: 0, closed: 0 },
    });
    const inv = await invitationsOf(a.ctx, acc);
    expect(Object.fromEntries(Object.entries(inv).map(([k, r]) => [k, r.status]))).toEqual({
      "OUTGOING li:dee-d": "PENDING",
      "INCOMING li:ann-a": "ACCEPTED",
      "OUTGOING name:bo name": "ACCEPTED",
      "OUTGOING name:zed zulu": "PENDING",
    });
    expect(inv["OUTGOING li:dee-d"]).toMatchObject({ importId: s.importId, message: "Hi Dee", statusChangedAt: null });
    expect(inv["INCOMING li:ann-a"]!.statusChangedAt).not.toBeNull();
    // The invitations page lists the open ones only.
    const page = await listAccountInvitations(a.ctx, acc, { direction: "outgoing", sort: "name", dir: "asc" });
    expect([page.total, page.rows.map((r) => r.name)]).toEqual([2, ["Dee D", "Zed Zulu"]]);
  });

  it("keeps each invitation's row across imports: gone when no longer listed, accepted when connected, pending again when re-sent", async () => {
    const acc = await addAccount(a.ctx);
    const first = await importArchive(a.ctx, acc, [ANN], [
      out("Dee D", "dee-d", "12/15/24 7:47 AM"),
      out("Eve E", "eve-e", "11/1/24 9:00 AM"),
      out("Fay F", "fay-f", "10/1/24 9:00 AM", "old note"),
      out("Fay F", "fay-f", "11/20/24 9:00 AM", "new note"), // listed twice: the latest wins
      out("Gil G", "gil-g", "9/1/24 9:00 AM"),
    ]);
    expect(first.details.invitations).toMatchObject({ rows: 5, pending: 4, new: 4 });
    const one = await invitationsOf(a.ctx, acc);
    expect(one["OUTGOING li:fay-f"]).toMatchObject({ status: "PENDING", message: "new note", sentAt: new Date("2024-11-20T09:00:00Z") });

    // Eve and Gil are no longer listed; Gil is a connection now. Dee and Fay are listed again.
    const second = await importArchive(a.ctx, acc, [ANN, ["gil-g", "Initech", "CFO"]], [
      out("Dee D", "dee-d", "12/15/24 7:47 AM", "edited"),
      out("Fay F", "fay-f", "11/20/24 9:00 AM", "new note"),
    ]);
    expect(second.details.invitations).toMatchObject({ rows: 2, pending: 2, new: 0, accepted: 1, gone: 1 });
    const two = await invitationsOf(a.ctx, acc);
    for (const k of Object.keys(one)) expect(two[k]!.id).toBe(one[k]!.id);
    expect(two["OUTGOING li:dee-d"]).toMatchObject({ status: "PENDING", importId: second.importId, message: "edited", statusChangedAt: null });
    expect(two["OUTGOING li:dee-d"]!.lastSeenAt.getTime()).toBeGreaterThan(one["OUTGOING li:dee-d"]!.lastSeenAt.getTime());
    expect(two["OUTGOING li:dee-d"]!.firstSeenAt).toEqual(one["OUTGOING li:dee-d"]!.firstSeenAt);
    expect(two["OUTGOING li:eve-e"]).toMatchObject({ status: "GONE", importId: first.importId, lastSeenAt: one["OUTGOING li:eve-e"]!.lastSeenAt });
    expect(two["OUTGOING li:eve-e"]!.statusChangedAt).toEqual(second.finishedAt);
    expect(two["OUTGOING li:gil-g"]).toMatchObject({ status: "ACCEPTED", statusChangedAt: second.finishedAt });

    // The owner withdrew Eve's invitation and invited her again later: pending again, with the new
    // date; the recorded withdrawal stays (re-inviting early is warned about).
    const withdrawnAt = new Date("2024-12-01T10:00:00Z");
    await withTeam(a.team.id, (tx) => tx.pendingInvitation.update({ where: { id: one["OUTGOING li:eve-e"]!.id }, data: { withdrawnAt } }));
    const third = await importArchive(a.ctx, acc, [ANN, ["gil-g", "Initech", "CFO"]], [
      out("Dee D", "dee-d", "12/15/24 7:47 AM", "edited"),
      out("Fay F", "fay-f", "11/20/24 9:00 AM", "new note"),
      out("Eve E", "eve-e", "1/5/25 9:00 AM"),
      out("Gil G", "gil-g", "9/1/24 9:00 AM"), // their accepted invitation, listed again: still accepted
    ]);
    expect(third.details.invitations).toMatchObject({ pending: 3, new: 0, accepted: 0, gone: 0 });
    const three = await invitationsOf(a.ctx, acc);
    expect(three["OUTGOING li:eve-e"]).toMatchObject({ id: one["OUTGOING li:eve-e"]!.id, status: "PENDING", sentAt: new Date("2025-01-05T09:00:00Z"), withdrawnAt, statusChangedAt: third.finishedAt });
    expect(three["OUTGOING li:gil-g"]).toMatchObject({ status: "ACCEPTED", statusChangedAt: second.finishedAt });
  });

  it("a re-invite after an accepted invitation (the person left the network) is pending again", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN, DEE], [out("Dee D", "dee-d", "9/1/24 9:00 AM")]);
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:dee-d"]!.status).toBe("ACCEPTED");
    // Dee left the network; the archive still lists the old invitation: it stays accepted.
    await importArchive(a.ctx, acc, [ANN], [out("Dee D", "dee-d", "9/1/24 9:00 AM")]);
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:dee-d"]!.status).toBe("ACCEPTED");
    const s = await importArchive(a.ctx, acc, [ANN], [out("Dee D", "dee-d", "2/1/25 9:00 AM")]);
    expect(s.details.invitations).toMatchObject({ pending: 1 });
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:dee-d"]).toMatchObject({ status: "PENDING", sentAt: new Date("2025-02-01T09:00:00Z") });
  });

  it("an import without Invitations.csv marks nobody gone, but accepts the invitations of people it shows connected", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Dee D", "dee-d", "12/15/24 7:47 AM"), out("Eve E", "eve-e", "11/1/24 9:00 AM")]);
    const before = await invitationsOf(a.ctx, acc);
    // Dee is a connection now: she accepted. Nothing here says anything about Eve's invitation.
    const plain = await importWholeNetwork(a.ctx, acc, csvOf([ANN, DEE]));
    expect(plain.status).toBe("COMPLETED");
    expect(plain.details.invitations).toBeUndefined();
    expect(plain.details).toMatchObject({ invitationsAccepted: { accepted: 1 } });
    const after = await invitationsOf(a.ctx, acc);
    expect(after["OUTGOING li:dee-d"]!.status).toBe("ACCEPTED");
    expect(after["OUTGOING li:eve-e"]).toEqual(before["OUTGOING li:eve-e"]);
    const archiveWithout = await importArchive(a.ctx, acc, [ANN, DEE], null);
    expect(archiveWithout.details.invitations).toBeUndefined();
    expect(await invitationsOf(a.ctx, acc)).toEqual(after);
  });

  it("a row the file has but the parser rejects is still listed: its invitation is not gone", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM"), out("Bo Name", null, "1/1/26 9:00 AM"), out("Gil G", "gil-g", "1/1/26 9:00 AM")]);
    const before = await invitationsOf(a.ctx, acc);
    // Eve's date and Bo's message cannot be read; Gil is no longer listed.
    const s = await importArchive(a.ctx, acc, [ANN], [
      "Me Myself,Eve E,not a date,,OUTGOING,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/eve-e",
      out("Bo Name", null, "1/1/26 9:00 AM", "x".repeat(2001)),
    ]);
    expect(s.details.invitations).toMatchObject({ rows: 2, pending: 0, gone: 1, rejectedKept: 2, unlistedSkipped: false });
    const after = await invitationsOf(a.ctx, acc);
    expect([after["OUTGOING li:eve-e"], after["OUTGOING name:bo name"]]).toEqual([before["OUTGOING li:eve-e"], before["OUTGOING name:bo name"]]);
    expect(after["OUTGOING li:gil-g"]!.status).toBe("GONE");

    // A rejected row that names nobody (a direction LinkedIn never writes): nothing is "no longer listed" this time.
    const skipped = await importArchive(a.ctx, acc, [ANN, ["eve-e", "Acme", "VP"]], [
      "Me Myself,Fay F,1/1/26 9:00 AM,,SENT,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/fay-f",
    ]);
    expect(skipped.status).toBe("COMPLETED");
    expect(skipped.details.invitations).toMatchObject({ rows: 1, accepted: 0, gone: 0, unlistedSkipped: true });
    const last = await invitationsOf(a.ctx, acc);
    expect([last["OUTGOING li:eve-e"]!.status, last["OUTGOING name:bo name"]!.status, last["OUTGOING li:gil-g"]!.status]).toEqual(["PENDING", "PENDING", "GONE"]);
  });

  it("an invitation known by name in an older archive becomes the URL row of a newer one, when that is unambiguous", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [
      out("Eve E", null, "1/1/26 9:00 AM"),
      out("Fay F", null, "1/1/26 9:00 AM"), // re-sent months later: another invitation
      out("Gil G", null, "1/1/26 9:00 AM"), // two people of that name now have URLs
      inc("Hal H", null, "1/1/26 9:00 AM"),
    ]);
    const before = await invitationsOf(a.ctx, acc);
    const withdrawnAt = new Date("2026-01-20T10:00:00Z");
    await withTeam(a.team.id, (tx) => tx.pendingInvitation.update({ where: { id: before["OUTGOING name:eve e"]!.id }, data: { withdrawnAt } }));
    const s = await importArchive(a.ctx, acc, [ANN], [
      out("Eve E", "eve-e", "1/1/26 3:00 PM"), // within a day: the same invitation
      out("Fay F", "fay-f", "6/1/26 9:00 AM"),
      out("Gil G", "gil-g", "1/1/26 9:00 AM"),
      out("Gil G", "gil-g-2", "1/1/26 9:00 AM"),
      inc("Hal H", "hal-h", "1/1/26 9:00 AM"),
    ]);
    expect(s.details.invitations).toMatchObject({ rekeyed: 2, new: 3, gone: 2 });
    const after = await invitationsOf(a.ctx, acc);
    expect(after["OUTGOING li:eve-e"]).toMatchObject({ id: before["OUTGOING name:eve e"]!.id, status: "PENDING", withdrawnAt, firstSeenAt: before["OUTGOING name:eve e"]!.firstSeenAt });
    expect(after["INCOMING li:hal-h"]!.id).toBe(before["INCOMING name:hal h"]!.id);
    expect(Object.fromEntries(Object.entries(after).map(([k, r]) => [k, r.status]))).toEqual({
      "OUTGOING li:eve-e": "PENDING",
      "OUTGOING name:fay f": "GONE",
      "OUTGOING li:fay-f": "PENDING",
      "OUTGOING name:gil g": "GONE",
      "OUTGOING li:gil-g": "PENDING",
      "OUTGOING li:gil-g-2": "PENDING",
      "INCOMING li:hal-h": "PENDING",
    });
  });

  it("an empty or unreadable side file is a rejection naming it; the connections import and the invitations stay", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    const before = await invitationsOf(a.ctx, acc);
    const dir = "Basic_LinkedInDataExport_11-20-2026";
    const cases: Array<[string, string]> = [
      ["Invitations.csv", ""],
      ["Invitations.csv", "Some note\nnothing here\n"],
      ["Endorsement_Received_Info.csv", ""],
      ["Recommendations_Received.csv", "just,some,columns\n1,2,3\n"],
      ["messages.csv", ""],
    ];
    for (const [file, data] of cases) {
      const zip = await buildZip([
        { path: `${dir}/Connections.csv`, data: Buffer.from(csvOf([ANN, DEE])) },
        { path: `${dir}/${file}`, data: Buffer.from(data) },
      ]);
      const r = await importWholeNetwork(a.ctx, acc, zip, `${dir}.zip`);
      expect({ file, status: r.status, error: r.error ?? null, invitations: r.details.invitations ?? null }).toEqual({ file, status: "COMPLETED", error: null, invitations: null });
      const rejections = await withTeam(a.team.id, (tx) => tx.importRejection.findMany({ where: { teamId: a.team.id, importId: r.importId } }));
      expect(rejections.map((x) => [x.file, x.line, x.field, x.kind])).toEqual([[file, data === "" ? 0 : 1, "(file)", "rejected"]]);
      expect(rejections[0]!.message).toContain(`${file} could not be read`);
    }
    expect(await invitationsOf(a.ctx, acc)).toEqual(before);
  });

  it("another team's import of the same people never touches this team's invitations", async () => {
    const accA = await addAccount(a.ctx);
    await importArchive(a.ctx, accA, [ANN], [out("Dee D", "dee-d", "12/15/24 7:47 AM"), out("Eve E", "eve-e", "11/1/24 9:00 AM")]);
    const before = await invitationsOf(a.ctx, accA);
    const accB = await addAccount(b.ctx);
    // In team B, Dee is a connection and Eve is not listed.
    const s = await importArchive(b.ctx, accB, [ANN, DEE], [out("Dee D", "dee-d", "12/15/24 7:47 AM")]);
    expect(s.details.invitations).toMatchObject({ pending: 0, new: 1, gone: 0 });
    expect(await invitationsOf(a.ctx, accA)).toEqual(before);
    expect(Object.keys(await invitationsOf(b.ctx, accB))).toEqual(["OUTGOING li:dee-d"]);
  });
});
