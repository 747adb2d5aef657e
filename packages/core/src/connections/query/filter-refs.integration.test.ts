import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyIcpDefinition } from "@crm/scoring";
import { saveIcp } from "../../icps/icps";
import { addAccount } from "../../imports/import-helpers.test-util";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../../testing/setup";
import { DEFAULT_FILTER, type TConnectionFilter } from "../filter/types";
import { createTag } from "../tags";
import { listConnections } from "./list";

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("refsA"), signUpUser("refsB")]);
}, 60_000);
afterAll(stopTestEnv);

describe("ids in an API filter", () => {
  it("passes the team's own tag, account and ICP ids; another team's or an unknown one is a 404 naming the parameter", async () => {
    const [tagA, accA, tagB, accB] = [
      (await createTag(a.ctx, { name: "Refs" })).id,
      await addAccount(a.ctx),
      (await createTag(b.ctx, { name: "Refs" })).id,
      await addAccount(b.ctx),
    ];
    const icpA = (await saveIcp(a.ctx, { name: "Refs ICP", definition: emptyIcpDefinition() })).id;
    const icpB = (await saveIcp(b.ctx, { name: "Refs ICP", definition: emptyIcpDefinition() })).id;
    const strict = (filter: TConnectionFilter) => listConnections(a.ctx, filter, { strictRefs: true });
    await expect(strict({ ...DEFAULT_FILTER, tags: [tagA], accounts: [accA], icp: icpA })).resolves.toMatchObject({ rows: [] });
    await expect(strict(DEFAULT_FILTER)).resolves.toMatchObject({ rows: [] });
    const cases: Array<[Partial<TConnectionFilter>, string]> = [
      [{ tags: [tagA, tagB] }, "tag"],
      [{ tags: ["no-such-tag"] }, "tag"],
      [{ accounts: [accB] }, "account"],
      [{ icp: icpB }, "icp"],
    ];
    for (const [filter, field] of cases) {
      expect(await rejectionOf(strict({ ...DEFAULT_FILTER, ...filter })), field).toMatchObject({ code: "NOT_FOUND", details: { field } });
    }
  });
});
