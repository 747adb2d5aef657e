import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { createLinkedInAccount } from "../accounts/accounts";
import { addMember } from "../testing/add-member";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import type { TTeamContext } from "../teams/membership";
import { discardImport } from "./discard-import";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";
import { applyColumnMapping } from "./mapping";
import { markFailed, processImport } from "./process-import";
import { getImport } from "./queries";

let a: TSignedUpUser;
let b: TSignedUpUser;
let uploader: TTeamContext;
let other: TTeamContext;
let admin: TTeamContext;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("discardA"), signUpUser("discardB")]);
  uploader = (await addMember(a, "discardUp", "MEMBER")).ctx;
  other = (await addMember(a, "discardOther", "MEMBER")).ctx;
  admin = (await addMember(a, "discardAdmin", "ADMIN")).ctx;
}, 60_000); // five sign-ups, three through e-mailed invitations
afterAll(stopTestEnv);

/** An import the uploader's own account holds, waiting for a column mapping (headers `V<n>;N<n>;P<n>`). */
let files = 0;
async function waiting(): Promise<{ id: string; n: number }> {
  // Own headers per import: a mapping saved by one test must not be remembered for the next file.
  const n = ++files;
  const { id: acc } = await createLinkedInAccount(a.ctx, { label: `Up ${n} ${Math.random().toString(36).slice(2, 7)}`, ownerUserId: uploader.userId, timeZone: "UTC" });
  const s = await importBytes(uploader, acc, `V${n};N${n};P${n}\nAnna;Alt;https://www.linkedin.com/in/anna-alt\n`, "kontakte.csv");
  expect(s.status).toBe("NEEDS_MAPPING");
  return { id: s.importId, n };
}

const chunks = async (importId: string) => (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ImportChunk" WHERE "importId" = $1`, [importId]))[0]?.n;
const discards = (importId: string) => withTeam(a.team.id, (tx) => tx.auditLog.findMany({ where: { targetId: importId, action: "import.discard" } }));

describe("discarding an import that waits for a column mapping", () => {
  it("the uploader discards it: bytes deleted, status DISCARDED, audited; it cannot be mapped or run afterwards", async () => {
    const { id, n } = await waiting();
    expect(await chunks(id)).toBeGreaterThan(0);
    expect((await rejectionOf(discardImport(other, id))).code).toBe("FORBIDDEN");
    expect(await discardImport(uploader, id)).toEqual({ discarded: true });
    expect((await getImport(a.ctx, id)).status).toBe("DISCARDED");
    expect(await chunks(id)).toBe(0);
    expect(await discards(id)).toHaveLength(1);
    expect((await rejectionOf(applyColumnMapping(uploader, id, { firstName: `V${n}`, lastName: `N${n}` }))).code).toBe("CONFLICT");
    expect((await processImport(a.team.id, id)).status).toBe("DISCARDED");
    await markFailed({ teamId: a.team.id, importId: id }, "job_failed", "a late job failure"); // a stale job's failure handler
    expect((await getImport(a.ctx, id)).status).toBe("DISCARDED");
  });

  it("is safe under a double click and concurrent requests: discarded once, one audit entry, every call succeeds", async () => {
    const { id } = await waiting();
    const results = await Promise.all([discardImport(admin, id), discardImport(admin, id), discardImport(a.ctx, id), discardImport(uploader, id)]);
    expect(results.filter((r) => r.discarded)).toHaveLength(1);
    expect(await discards(id)).toHaveLength(1);
    expect((await getImport(a.ctx, id)).status).toBe("DISCARDED");
  });

  it("a discard racing a mapping never leaves a discarded import queued", async () => {
    // Which one wins varies; whichever does, the other must fail and the state must be whole.
    for (let round = 0; round < 3; round++) {
      const { id, n } = await waiting();
      const settled = await Promise.allSettled([applyColumnMapping(uploader, id, { firstName: `V${n}`, lastName: `N${n}`, profileUrl: `P${n}` }), discardImport(admin, id)]);
      const status = (await getImport(a.ctx, id)).status;
      if (status === "DISCARDED") {
        expect(await chunks(id)).toBe(0);
        expect(settled[0].status).toBe("rejected");
      } else {
        expect(status).toBe("QUEUED");
        expect(await chunks(id)).toBeGreaterThan(0);
        expect(settled[1].status).toBe("rejected");
      }
    }
  });

  it("a completed import cannot be discarded", async () => {
    const acc = await addAccount(a.ctx);
    const s = await importBytes(a.ctx, acc, csvOf([["ann-a", "Acme", "CEO"]]));
    expect((await rejectionOf(discardImport(a.ctx, s.importId))).code).toBe("CONFLICT");
    expect((await getImport(a.ctx, s.importId)).status).toBe("COMPLETED");
  });

  it("another team's import id is not found, and stays as it was", async () => {
    const { id } = await waiting();
    expect((await rejectionOf(discardImport(b.ctx, id))).code).toBe("NOT_FOUND");
    expect((await getImport(a.ctx, id)).status).toBe("NEEDS_MAPPING");
    expect(await chunks(id)).toBeGreaterThan(0);
  });
});
