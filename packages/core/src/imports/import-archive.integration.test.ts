import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { withTeam } from "@crm/db";
import { buildZip } from "../../../importer/src/archive/test-zip";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { applyColumnMapping } from "./mapping";
import { processImport } from "./process-import";
import { countsOf } from "./summary";
import { receiveUpload } from "./upload";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("archiveA"), signUpUser("archiveB")]);
});
afterAll(stopTestEnv);

const byKey = async (accountId: string) =>
  Object.fromEntries((await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId } }))).map((c) => [c.identityKey, c]));

const MESSAGES = [
  "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT",
  '"c1","","Ann A","https://www.linkedin.com/in/ann-a","Me Myself","https://www.linkedin.com/in/me-myself","2025-03-05 14:02:11 UTC","","Hello,\nhow are you?","INBOX","","No"',
  '"c1","","Me Myself","https://www.linkedin.com/in/me-myself","Ann A","https://www.linkedin.com/in/ann-a","2025-04-01 09:00:00 UTC","","Fine","SENT","","No"',
  '"c2","","Me Myself","https://www.linkedin.com/in/me-myself","Bob B","https://www.linkedin.com/in/bob-b","2025-05-01 09:00:00 UTC","","draft","DRAFT","","Yes"',
].join("\n");
const ENDORSEMENTS = [
  "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status",
  "2024/01/02 10:00:00 UTC,Sales,Bob,B,www.linkedin.com/in/bob-b,ACCEPTED",
  "2024/02/02 10:00:00 UTC,Negotiation,Bob,B,www.linkedin.com/in/bob-b,ACCEPTED",
].join("\n");
const RECOMMENDATIONS = ["First Name,Last Name,Company,Job Title,Text,Creation Date,Status", 'Cy,C,Hooli,AE,"Great, really",01/05/24 10:00 AM,VISIBLE'].join("\n");
const INVITATIONS = [
  "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
  "Me Myself,Dee D,12/15/24 7:47 AM,Hi Dee,OUTGOING,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/dee-d",
  "Ann A,Me Myself,11/15/24 7:47 AM,,INCOMING,https://www.linkedin.com/in/ann-a,https://www.linkedin.com/in/me-myself",
].join("\n");

describe("the LinkedIn archive", () => {
  it("uses Connections.csv plus messages, endorsements, recommendations and invitations", async () => {
    const acc = await addAccount(a.ctx);
    const zip = await buildZip([
      { path: "Basic_LinkedInDataExport_11-20-2026/Connections.csv", data: Buffer.from(csvOf([["ann-a", "Acme", "CEO"], ["bob-b", "Acme", "CTO"], ["cy-c", "Hooli", "AE"]])) },
      { path: "Basic_LinkedInDataExport_11-20-2026/messages.csv", data: Buffer.from(MESSAGES) },
      { path: "Basic_LinkedInDataExport_11-20-2026/Endorsement_Received_Info.csv", data: Buffer.from(ENDORSEMENTS) },
      { path: "Basic_LinkedInDataExport_11-20-2026/Recommendations_Received.csv", data: Buffer.from(RECOMMENDATIONS) },
      { path: "Basic_LinkedInDataExport_11-20-2026/Invitations.csv", data: Buffer.from(INVITATIONS) },
      { path: "Basic_LinkedInDataExport_11-20-2026/Profile.csv", data: Buffer.from("First Name\nMe") },
    ]);
    const s = await importBytes(a.ctx, acc, zip, "Basic_LinkedInDataExport_11-20-2026.zip");
    expect(s.status).toBe("COMPLETED");
    expect(countsOf(s)).toEqual({ new: 3, updated: 0, unchanged: 0, jobChanges: 0, gone: 0, rejected: 0 });
    expect(s.details).toMatchObject({ kind: "zip", invitations: { rows: 2, pending: 1 }, recommendations: { matched: 1, unmatched: 0 } });
    const c = await byKey(acc);
    expect([c["li:ann-a"]?.messageCount, c["li:ann-a"]?.lastInteractionAt?.toISOString()]).toEqual([2, "2025-04-01T09:00:00.000Z"]);
    expect(c["li:bob-b"]).toMatchObject({ messageCount: 0, endorsedMe: true, endorsementCount: 2, recommendedMe: false });
    expect(c["li:cy-c"]).toMatchObject({ recommendedMe: true, endorsedMe: false });
    const pending = await withTeam(a.team.id, (tx) => tx.pendingInvitation.findMany({ where: { accountId: acc, status: "PENDING" } }));
    expect(pending.map((p) => [p.direction, p.name, p.identityKey])).toEqual([["OUTGOING", "Dee D", "li:dee-d"]]);
  });

  it("fails a zip bomb with a clear message and leaves the account untouched", async () => {
    const acc = await addAccount(a.ctx);
    const zip = await buildZip([{ path: "Connections.csv", data: Buffer.alloc(60 * 1024 * 1024, 0x41) }]);
    const s = await importBytes(a.ctx, acc, zip, "export.zip");
    expect([s.status, s.errorCode]).toEqual(["FAILED", "zip_ratio_exceeded"]);
    expect(s.error).toBeTruthy();
  });
});

describe("other CSV exports", () => {
  it("asks for a column mapping for unknown headers, applies it, and remembers it for the team", async () => {
    const acc = await addAccount(a.ctx);
    const file = "Vorname;Nachname;Profil;Firma\nAnna;Alt;https://www.linkedin.com/in/anna-alt;Acme\nBen;Bau;https://de.linkedin.com/in/ben-bau/;Globex\n";
    const first = await importBytes(a.ctx, acc, file, "kontakte.csv");
    expect(first.status).toBe("NEEDS_MAPPING");
    expect(first.details.headers).toEqual(["Vorname", "Nachname", "Profil", "Firma"]);
    expect((await rejectionOf(applyColumnMapping(b.ctx, first.importId, { firstName: "Vorname" }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(applyColumnMapping(a.ctx, first.importId, { company: "Firma" }))).code).toBe("VALIDATION");
    await applyColumnMapping(a.ctx, first.importId, { firstName: "Vorname", lastName: "Nachname", profileUrl: "Profil", company: "Firma" });
    const done = await processImport(a.team.id, first.importId);
    expect([done.status, done.format, done.new]).toEqual(["COMPLETED", "mapped", 2]);
    const again = await importBytes(a.ctx, acc, file, "kontakte-2.csv");
    expect([again.status, again.unchanged]).toEqual(["COMPLETED", 2]);
  });

  it("keeps people first imported without a URL when a later export has their URL", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, "First Name,Last Name,Email Address,Company,Position,Connected On\nAnn,Alpha,,Acme,CEO,07 Mar 2020\nBob,Beta,,Acme,CTO,08 Mar 2020\n");
    const s = await importBytes(a.ctx, acc, csvOf([["ann-alpha", "Acme", "CEO"]]).replace("12 Jan 2024", "07 Mar 2020").replace("ann,alpha", "Ann,Alpha"));
    expect(countsOf(s)).toMatchObject({ new: 0, gone: 1, updated: 1 });
    const c = await byKey(acc);
    expect(c["li:ann-alpha"]?.profileUrl).toBe("https://www.linkedin.com/in/ann-alpha/");
  });
});

describe("upload limits and content checks", () => {
  it("refuses a body over the limit, declared or streamed, and keeps nothing of it", async () => {
    const acc = await addAccount(a.ctx);
    process.env.IMPORT_MAX_UPLOAD_MB = "1";
    resetServerEnvForTests();
    try {
      const declared = rejectionOf(receiveUpload(a.ctx, { accountId: acc, fileName: "big.csv", body: Readable.from([]), declaredBytes: 2 * 1024 * 1024 }));
      expect((await declared).code).toBe("PAYLOAD_TOO_LARGE");
      const chunks = Array.from({ length: 20 }, () => Buffer.alloc(100 * 1024, 0x61));
      const streamed = await rejectionOf(receiveUpload(a.ctx, { accountId: acc, fileName: "big.csv", body: Readable.from(chunks) }, { queue: false }));
      expect(streamed.code).toBe("PAYLOAD_TOO_LARGE");
    } finally {
      delete process.env.IMPORT_MAX_UPLOAD_MB;
      resetServerEnvForTests();
    }
    const left = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "Import" WHERE "accountId" = $1`, [acc]);
    expect(left[0]?.n).toBe(0);
  });

  it("refuses a PNG named Connections.csv by its content", async () => {
    const acc = await addAccount(a.ctx);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
    const e = await rejectionOf(receiveUpload(a.ctx, { accountId: acc, fileName: "Connections.csv", body: Readable.from([png]) }, { queue: false }));
    expect(e.code).toBe("UNSUPPORTED_MEDIA");
    expect(e.message).toMatch(/PNG/i);
  });
});
