import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { addAccount, csvOf, importBytes } from "../imports/import-helpers.test-util";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { INVITATIONS_PAGE_SIZE, listImportedInvitations } from "./list-imported-invitations";

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("invListA"), signUpUser("invListB")]);
});
afterAll(stopTestEnv);

const INVITATIONS = [
  "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
  "Me Myself,Dee D,12/15/24 7:47 AM,Hi Dee,OUTGOING,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/dee-d",
  "Eve E,Me Myself,11/15/24 7:47 AM,,INCOMING,https://www.linkedin.com/in/eve-e,https://www.linkedin.com/in/me-myself",
  "Ann A,Me Myself,10/15/24 7:47 AM,,INCOMING,https://www.linkedin.com/in/ann-a,https://www.linkedin.com/in/me-myself",
].join("\n");

async function archiveAccount() {
  const acc = await addAccount(a.ctx);
  const zip = await buildZip([
    { path: "Basic_LinkedInDataExport_11-20-2026/Connections.csv", data: Buffer.from(csvOf([["ann-a", "Acme", "CEO"]])) },
    { path: "Basic_LinkedInDataExport_11-20-2026/Invitations.csv", data: Buffer.from(INVITATIONS) },
  ]);
  expect((await importBytes(a.ctx, acc, zip, "Basic_LinkedInDataExport_11-20-2026.zip")).status).toBe("COMPLETED");
  return acc;
}

describe("an account's imported pending invitations", () => {
  it("lists each person, profile, direction, date and whether a note was written, newest first", async () => {
    const acc = await archiveAccount();
    const page = await listImportedInvitations(a.ctx, acc);
    expect(page).toMatchObject({ total: 2, page: 1, pages: 1 });
    expect(page.rows.map((r) => ({ ...r, id: typeof r.id, sentAt: r.sentAt?.toISOString().slice(0, 10) }))).toEqual([
      { id: "string", name: "Dee D", profileUrl: "https://www.linkedin.com/in/dee-d/", direction: "OUTGOING", sentAt: "2024-12-15", hasMessage: true },
      { id: "string", name: "Eve E", profileUrl: "https://www.linkedin.com/in/eve-e/", direction: "INCOMING", sentAt: "2024-11-15", hasMessage: false },
    ]);
  });

  it("pages through many, bounded by the page size, and clamps a page past the end", async () => {
    const acc = await archiveAccount();
    await ownerQuery(
      `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey", "sentAt")
       SELECT gen_random_uuid()::text, $1, $2, 'x', 'OUTGOING', 'P' || g, 'name:p' || g, now() - g * interval '1 day' FROM generate_series(1, 118) g`,
      [a.team.id, acc],
    );
    const first = await listImportedInvitations(a.ctx, acc);
    expect([first.total, first.pages, first.rows.length]).toEqual([120, 3, INVITATIONS_PAGE_SIZE]);
    expect(first.rows[0]?.name).toBe("P1");
    const last = await listImportedInvitations(a.ctx, acc, { page: 99 });
    expect([last.page, last.rows.length]).toEqual([3, 20]);
    expect(last.rows.at(-1)?.name).toBe("Eve E");
  });

  it("another team's account is not found", async () => {
    const acc = await archiveAccount();
    expect((await rejectionOf(listImportedInvitations(b.ctx, acc))).code).toBe("NOT_FOUND");
  });
});
