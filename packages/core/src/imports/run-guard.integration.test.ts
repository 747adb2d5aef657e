import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount, csvOf, importBytes } from "./import-helpers.test-util";
import * as runGuard from "./run-guard";

// A worker stopped by a deploy (SIGTERM, then a forced exit after 30 s) must not count its runs as
// crashes: two rolling deploys during one long import would otherwise fail it for good.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("runGuardShutdown");
});
afterAll(stopTestEnv);

const unfinished = async (importId: string) =>
  (await ownerQuery<{ n: number }>(`SELECT "unfinishedRuns" AS n FROM "Import" WHERE id = $1`, [importId]))[0]!.n;

describe("releasing active runs on shutdown", () => {
  it("puts unfinishedRuns back to its value before the run, and the run's own end() does not count twice", async () => {
    const acc = await addAccount(a.ctx);
    const { importId } = await importBytes(a.ctx, acc, csvOf([["someone", "Initech", "CTO"]]));
    await ownerQuery(`UPDATE "Import" SET "unfinishedRuns" = 1 WHERE id = $1`, [importId]); // one real crash earlier
    const run = await runGuard.startRun({ teamId: a.team.id, importId });
    expect(await unfinished(importId)).toBe(2);
    const release = (runGuard as { releaseActiveRunsForShutdown?: () => Promise<number> }).releaseActiveRunsForShutdown;
    expect(typeof release).toBe("function");
    expect(await release!()).toBe(1);
    expect(await unfinished(importId)).toBe(1);
    await run.end(); // the job may still return before the process exits
    expect(await unfinished(importId)).toBe(1);
    expect(await release!()).toBe(0);
  });
});
