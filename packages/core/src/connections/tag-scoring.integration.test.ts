import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { queue } from "@crm/jobs";
import { emptyIcpDefinition } from "@crm/scoring";
import { saveIcp } from "../icps/icps";
import { rescoreIcp } from "../icps/rescore";
import { addAccount, csvOf, importBytes } from "../imports/import-helpers.test-util";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { changeTags, undoTagChange } from "./tagging";
import { createTag, updateTag } from "./tags";

// ICPs can score on tags: a tag change must reach the scores (through a queued rescore), and the
// rescore must read the tags as they are now.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("tagScore");
  await importBytes(a.ctx, await addAccount(a.ctx), csvOf([["ada-lovelace", "Acme", "Engineer"], ["bob-builder", "Acme", "Engineer"]]));
});
afterAll(stopTestEnv);

const rescoreJobsFor = async (icpId: string) => (await queue("scoring").getJobs(["delayed", "waiting"])).filter((j) => j.data.icpId === icpId && String(j.id).includes("-tags-"));

describe("tags in ICP scoring", () => {
  it("tagging queues a rescore of the ICPs that use tags, and the rescore sees the tag", async () => {
    const vip = await createTag(a.ctx, { name: "VIP" });
    const { id: icpId, version } = await saveIcp(a.ctx, { name: "Tagged", definition: { ...emptyIcpDefinition(), tags: [{ tag: "vip", weight: "important" }] } });
    const { id: plainId } = await saveIcp(a.ctx, { name: "Plain", definition: { ...emptyIcpDefinition(), functions: { values: ["engineering"], weight: "important" } } });
    await rescoreIcp(a.team.id, icpId, { version });
    const ada = await withTeam(a.team.id, (tx) => tx.connection.findFirstOrThrow({ where: { identityKey: "li:ada-lovelace" }, select: { id: true } }));
    const scoreOf = async (id: string) => (await withTeam(a.team.id, (tx) => tx.icpScore.findFirstOrThrow({ where: { icpId, connectionId: id } }))).score;
    const before = await scoreOf(ada.id);

    const change = await changeTags(a.ctx, { tagId: vip.id, op: "add", target: { ids: [ada.id] } });
    expect((await rescoreJobsFor(icpId)).length).toBeGreaterThan(0);
    expect(await rescoreJobsFor(plainId)).toEqual([]);
    await rescoreIcp(a.team.id, icpId, { version });
    expect(await scoreOf(ada.id)).toBeGreaterThan(before);

    await undoTagChange(a.ctx, change.changeId!);
    await rescoreIcp(a.team.id, icpId, { version });
    expect(await scoreOf(ada.id)).toBe(before);

    // Rules name tags by id (issue 16 item 9): renamed, the tag still counts, under its new name.
    await changeTags(a.ctx, { tagId: vip.id, op: "add", target: { ids: [ada.id] } });
    const renamed = await updateTag(a.ctx, vip.id, { name: "Important" });
    await rescoreIcp(a.team.id, icpId, { version: renamed.icps[0]!.version });
    expect(await scoreOf(ada.id)).toBeGreaterThan(before);
  });
});
