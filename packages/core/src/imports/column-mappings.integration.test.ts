import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { addMember } from "../testing/add-member";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import type { TTeamContext } from "../teams/membership";
import { forgetColumnMapping, listColumnMappings, updateColumnMapping } from "./column-mappings";
import { addAccount, importBytes } from "./import-helpers.test-util";
import { applyColumnMapping } from "./mapping";
import { processImport } from "./process-import";

let a: TSignedUpUser;
let b: TSignedUpUser;
let admin: TTeamContext;
let member: TTeamContext;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("mapsA"), signUpUser("mapsB")]);
  admin = (await addMember(a, "mapsAdmin", "ADMIN")).ctx;
  member = (await addMember(a, "mapsMember", "MEMBER")).ctx;
}, 60_000); // four sign-ups, two through e-mailed invitations
afterAll(stopTestEnv);

// Each test uses its own header set: mappings are per team and header signature.
const fileWith = (headers: string[]) =>
  `${headers.join(";")}\nAnna;Alt;https://www.linkedin.com/in/anna-alt;Acme\nBen;Bau;https://de.linkedin.com/in/ben-bau/;Globex\n`;

async function mapped(ctx: TTeamContext, headers: string[]) {
  const acc = await addAccount(ctx);
  const first = await importBytes(ctx, acc, fileWith(headers), "kontakte.csv");
  expect(first.status).toBe("NEEDS_MAPPING");
  const [fn, ln, url, co] = headers as [string, string, string, string];
  await applyColumnMapping(ctx, first.importId, { firstName: fn, lastName: ln, profileUrl: url, company: co });
  const done = await processImport(ctx.teamId, first.importId);
  expect(done.status).toBe("COMPLETED");
  return { acc, done };
}

const audits = (teamId: string, targetId: string) =>
  withTeam(teamId, (tx) => tx.auditLog.findMany({ where: { targetId }, select: { action: true, actorUserId: true, metadata: true } }));

describe("remembered column mappings", () => {
  it("an import that applies a remembered mapping says so and names the mapping", async () => {
    const { acc, done } = await mapped(a.ctx, ["Vorname", "Nachname", "Profil", "Firma"]);
    expect(done.details).toMatchObject({ mappingSource: "chosen", mappingId: expect.any(String) });
    const again = await importBytes(a.ctx, acc, fileWith(["Vorname", "Nachname", "Profil", "Firma"]), "kontakte-2.csv");
    expect(again.status).toBe("COMPLETED");
    expect(again.details).toMatchObject({ mappingSource: "remembered", mappingId: done.details.mappingId });
  });

  it("lists the team's mappings: the file's headers, the fields, who saved it, when, and how many imports used it", async () => {
    const headers = ["Given", "Family", "Link", "Employer"];
    const { acc, done } = await mapped(a.ctx, headers);
    await importBytes(a.ctx, acc, fileWith(headers), "again.csv");
    const m = (await listColumnMappings(member)).find((x) => x.id === done.details.mappingId);
    expect(m).toMatchObject({
      headers,
      mapping: { firstName: "Given", lastName: "Family", profileUrl: "Link", company: "Employer" },
      updatedByName: "mapsA Person",
      importsUsing: 2,
    });
    expect(m?.updatedAt).toBeInstanceOf(Date);
    expect((await listColumnMappings(b.ctx)).map((x) => x.id)).not.toContain(m?.id);
  });

  it("owners and admins change a mapping (audited), members cannot, and later files are read the new way", async () => {
    const headers = ["Vn", "Nn", "Url", "Org"];
    const { acc, done } = await mapped(a.ctx, headers);
    const id = done.details.mappingId!;
    const change = { firstName: "Vn", lastName: "Nn", profileUrl: "Url", position: "Org" };
    expect((await rejectionOf(updateColumnMapping(member, id, change))).code).toBe("FORBIDDEN");
    const bad = await rejectionOf(updateColumnMapping(admin, id, { ...change, email: "Mail" }));
    expect([bad.code, (bad as { details?: { field?: string } }).details?.field]).toEqual(["VALIDATION", "email"]);
    expect((await rejectionOf(updateColumnMapping(admin, id, { company: "Org" }))).code).toBe("VALIDATION");
    await updateColumnMapping(admin, id, change);
    const log = await audits(a.team.id, id);
    expect(log).toEqual([{ action: "column_mapping.update", actorUserId: admin.userId, metadata: { before: { firstName: "Vn", lastName: "Nn", profileUrl: "Url", company: "Org" }, after: change } }]);
    const s = await importBytes(a.ctx, acc, fileWith(headers), "later.csv");
    expect(s.details).toMatchObject({ mappingSource: "remembered", mapping: change });
    const anna = await withTeam(a.team.id, (tx) => tx.connection.findFirst({ where: { accountId: acc, identityKey: "li:anna-alt" } }));
    expect([anna?.position, anna?.company]).toEqual(["Acme", "Acme"]); // company kept: this file has no company column now
  });

  it("forgetting a mapping (audited) makes the next file with those headers ask again", async () => {
    const headers = ["Pn", "Sn", "Web", "Firm"];
    const { acc, done } = await mapped(a.ctx, headers);
    const id = done.details.mappingId!;
    expect((await rejectionOf(forgetColumnMapping(member, id))).code).toBe("FORBIDDEN");
    await forgetColumnMapping(a.ctx, id);
    expect((await rejectionOf(forgetColumnMapping(a.ctx, id))).code).toBe("NOT_FOUND");
    expect(await audits(a.team.id, id)).toEqual([
      { action: "column_mapping.forget", actorUserId: a.userId, metadata: { headers, mapping: { firstName: "Pn", lastName: "Sn", profileUrl: "Web", company: "Firm" } } },
    ]);
    expect((await listColumnMappings(a.ctx)).map((x) => x.id)).not.toContain(id);
    const next = await importBytes(a.ctx, acc, fileWith(headers), "next.csv");
    expect(next.status).toBe("NEEDS_MAPPING");
  });

  it("another team's mapping id is not found, for reading, changing and forgetting", async () => {
    const { done } = await mapped(a.ctx, ["Xa", "Xb", "Xc", "Xd"]);
    const id = done.details.mappingId!;
    expect((await rejectionOf(updateColumnMapping(b.ctx, id, { fullName: "Xa" }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(forgetColumnMapping(b.ctx, id))).code).toBe("NOT_FOUND");
    const [row] = await ownerQuery<{ mapping: unknown }>(`SELECT mapping FROM "ColumnMapping" WHERE id = $1`, [id]);
    expect(row?.mapping).toEqual({ firstName: "Xa", lastName: "Xb", profileUrl: "Xc", company: "Xd" });
  });
});
