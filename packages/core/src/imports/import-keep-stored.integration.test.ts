import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { countsOf } from "./summary";
import { addAccount, HEADER, importBytes } from "./import-helpers.test-util";

// Issue 16 item 6, review finding: a field blanked for a warning ("jane.doe@gmail", a bad date)
// must never overwrite what the account already holds, whether the person has a URL or not.
// Without a URL the blanked field changes the file's identity key, so the stored row is only
// found once the fallback match has paired them.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("keepStored");
});
afterAll(stopTestEnv);

const good = [
  "Jane,Doe,,jane.doe@gmail.com,Acme,CEO,12 Jan 2024", // no URL: keyed by email
  "John,Roe,,,Globex,CTO,03 Feb 2023", // no URL, no email: keyed by name and date
  "Ann,Lee,https://www.linkedin.com/in/ann-lee,ann@lee.io,Initech,CFO,05 Mar 2022", // URL
].join("\n");
const blanked = [
  "Jane,Doe,,jane.doe@gmail,Acme,CEO,12 Jan 2024",
  "John,Roe,,,Globex,CTO,31 Feb 2023",
  "Ann,Lee,https://www.linkedin.com/in/ann-lee,ann@lee,Initech,CFO,05 Mar 2022",
].join("\n");

describe("a value blanked for a warning keeps the stored one", () => {
  it("for people without a URL (email and date) and with one: unchanged, nobody new or gone", async () => {
    const acc = await addAccount(a.ctx);
    expect(countsOf(await importBytes(a.ctx, acc, `${HEADER}\n${good}\n`))).toMatchObject({ new: 3, rejected: 0 });
    const before = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { firstName: "asc" } }));

    const s = await importBytes(a.ctx, acc, `${HEADER}\n${blanked}\n`);
    expect(s.status).toBe("COMPLETED");
    expect(s.warnings).toBe(3);
    expect(countsOf(s)).toEqual({ new: 0, updated: 0, unchanged: 3, jobChanges: 0, gone: 0, rejected: 0 });
    const after = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { accountId: acc }, orderBy: { firstName: "asc" } }));
    const pick = (rows: typeof after) => rows.map((r) => [r.firstName, r.identityKey, r.email, r.connectedOn?.toISOString().slice(0, 10), r.status]);
    expect(pick(after)).toEqual(pick(before));
    expect(after.find((r) => r.firstName === "Jane")!.email).toBe("jane.doe@gmail.com");
    expect(after.find((r) => r.firstName === "John")!.connectedOn?.toISOString().slice(0, 10)).toBe("2023-02-03");
  });

  it("a new person with a blanked field is still added with it blank", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, `${HEADER}\n${blanked}\n`);
    expect(countsOf(s)).toMatchObject({ new: 3, rejected: 0 });
    const jane = await withTeam(a.team.id, (tx) => tx.connection.findFirst({ where: { accountId: acc, firstName: "Jane" } }));
    expect(jane).toMatchObject({ email: null, identityKey: "name:jane|doe|2024-01-12" });
  });
});
