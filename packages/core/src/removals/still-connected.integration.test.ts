import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, csvOf, importWholeNetwork } from "../imports/import-helpers.test-util";
import { addItems, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { localDateOf } from "./local-day";
import { planRemovalSession } from "./plan-session";
import { markNotFound, markRemoved, plannedOn, planRows } from "./plan.test-util";

// The next export decides: a "Removed" person still in it comes back to the owner's session with
// a note, a verified one stays done, and "Couldn't find them" is tried again after a newer import.
// Real imports (upload + the import job in-process); the planner runs at the real time because the
// import stamps the real time.

let world: TReviewWorld;
beforeAll(async () => {
  await startTestEnv();
  world = await makeReviewWorld("Still");
});
afterAll(stopTestEnv);

describe("still connected after an import", () => {
  it("returns the person to the plan with the retry note; a verified removal stays done", async () => {
    const ctx = world.ctx.owner;
    const acc = await addAccount(ctx); // Europe/Berlin
    const people: Array<[string, string, string]> = [["ann-a", "Acme", "CEO"], ["bob-b", "Acme", "CTO"], ["cy-c", "Hooli", "AE"], ["dee-d", "Globex", "VP"]];
    expect((await importWholeNetwork(ctx, acc, csvOf(people))).status).toBe("COMPLETED");
    const conns = await ownerQuery<{ id: string; identityKey: string }>(`SELECT id, "identityKey" FROM "Connection" WHERE "accountId" = $1`, [acc]);
    const conn = (key: string) => conns.find((c) => c.identityKey === `li:${key}`)!.id;
    const [ann, bob, cy, dee] = await addItems(
      ctx.teamId,
      ["ann-a", "bob-b", "cy-c", "dee-d"].map((k) => ({ connectionId: conn(k), accountId: acc, state: "APPROVED" as const, decision: "REMOVE" as const, decidedById: ctx.userId })),
    );

    const removedAt = new Date(); // after the first import finished, before the next one
    const today = localDateOf(new Date(), "Europe/Berlin");
    await markRemoved(ctx.teamId, acc, [ann!, bob!], removedAt, localDateOf(removedAt, "Europe/Berlin"));
    await markNotFound([cy!], removedAt);
    expect(await planRemovalSession(ctx.teamId, acc)).toMatchObject({ localDate: today, planned: 1, status: "planned" });
    expect(await plannedOn(acc, today)).toEqual([dee]);

    // The next export: Ann is gone (verified), Bob is still there, Cy too.
    const s = await importWholeNetwork(ctx, acc, csvOf(people.slice(1)));
    expect(s).toMatchObject({ status: "COMPLETED", verifiedRemovals: 1, stillConnected: 1 });
    const [{ stillConnectedAt }] = (await ownerQuery<{ stillConnectedAt: Date }>(`SELECT "stillConnectedAt" FROM "Connection" WHERE id = $1`, [conn("bob-b")])) as [{ stillConnectedAt: Date }];

    // The job after the import (no topUp): the returned people join today's plan at once.
    expect(await planRemovalSession(ctx.teamId, acc)).toMatchObject({ localDate: today, planned: 3, status: "topped-up" });
    const rows = await planRows(acc);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(bob!)).toMatchObject({ state: "APPROVED", plannedOn: today, retryNote: `Try again: still connected in your export of ${localDateOf(stillConnectedAt, "Europe/Berlin")}` });
    expect(row(cy!)).toMatchObject({ state: "APPROVED", plannedOn: today, notFoundAt: null, retryNote: null });
    expect(row(ann!)).toMatchObject({ state: "DONE", plannedOn: null });
    const after = await ownerQuery<{ id: string; status: string; executedAt: Date | null; supersededAt: Date | null; liveFor: string | null; counted: boolean }>(
      `SELECT c.id, c.status::text, i."executedAt", o."supersededAt", o."liveFor", o.counted
         FROM "Connection" c JOIN "ReviewItem" i ON i."connectionId" = c.id JOIN "RemovalOutcome" o ON o."itemId" = i.id
        WHERE c.id = ANY($1::text[])`,
      [[conn("ann-a"), conn("bob-b")]],
    );
    const a = after.find((x) => x.id === conn("ann-a"))!;
    const b = after.find((x) => x.id === conn("bob-b"))!;
    expect(a).toMatchObject({ status: "REMOVED", supersededAt: null, liveFor: ann, counted: true });
    // Bob: connected again, the recorded removal superseded, its budget still spent (LinkedIn saw a click).
    expect(b).toMatchObject({ status: "CONNECTED", executedAt: null, liveFor: null, counted: true });
    expect(b.supersededAt).toBeInstanceOf(Date);

    // Nothing more to return: the next call is the day's plan again.
    expect(await planRemovalSession(ctx.teamId, acc)).toMatchObject({ planned: 3, status: "already" });
  });

  it("keeps a not-found person out until an import finishes after it", async () => {
    const ctx = world.ctx.owner;
    const acc = await addAccount(ctx);
    expect((await importWholeNetwork(ctx, acc, csvOf([["eve-e", "Acme", "CEO"]]))).status).toBe("COMPLETED");
    const [c] = await ownerQuery<{ id: string }>(`SELECT id FROM "Connection" WHERE "accountId" = $1`, [acc]);
    const [item] = await addItems(ctx.teamId, [{ connectionId: c!.id, accountId: acc, state: "APPROVED", decision: "REMOVE", decidedById: ctx.userId }]);
    await markNotFound([item!], new Date(Date.now() + 60_000)); // after the only import
    expect(await planRemovalSession(ctx.teamId, acc)).toMatchObject({ planned: 0, status: "nothing" });
    expect((await planRows(acc))[0]?.notFoundAt).toBeInstanceOf(Date);
  });
});
