import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { queue } from "@crm/jobs";
import { emptyIcpDefinition } from "@crm/scoring";
import { changeTags } from "../connections/tagging";
import { createTag, deleteTag, mergeTags, updateTag } from "../connections/tags";
import { DomainError } from "../errors";
import { addAccount, csvOf, importBytes } from "../imports/import-helpers.test-util";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getIcp, saveIcp } from "./icps";
import { rescoreIcp } from "./rescore";

// Issue 16 item 9: renaming a tag silently disabled the ICP rules on it (the definition stored
// the tag's name: 50 people lost their −40). Rules now name tags by id; rename, merge and delete
// say which profiles use the tag, merge repoints the rules, delete asks what to do with them.

let a: TSignedUpUser;
let b: TSignedUpUser;
let ids: Record<string, string>;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("tagRules");
  b = await signUpUser("tagRulesOther");
  await importBytes(a.ctx, await addAccount(a.ctx), csvOf([["ada-lovelace", "Acme", "Engineer"], ["bob-builder", "Acme", "Engineer"]]));
  const rows = await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { teamId: a.team.id }, select: { id: true, identityKey: true } }));
  ids = Object.fromEntries(rows.map((r) => [r.identityKey.replace("li:", ""), r.id]));
});
afterAll(stopTestEnv);

const engineers = { ...emptyIcpDefinition(), functions: { values: ["engineering" as const], weight: "important" as const } };
const scoreOf = async (icpId: string, who: string) => {
  const icp = await withTeam(a.team.id, (tx) => tx.icp.findFirstOrThrow({ where: { id: icpId }, select: { version: true } }));
  await rescoreIcp(a.team.id, icpId, { version: icp.version });
  return (await withTeam(a.team.id, (tx) => tx.icpScore.findFirstOrThrow({ where: { icpId, connectionId: ids[who]! } }))).score;
};
const storedRules = async (icpId: string) =>
  ((await withTeam(a.team.id, (tx) => tx.icp.findFirstOrThrow({ where: { id: icpId }, select: { definition: true } }))).definition as { tags: unknown[] }).tags;
const rescoreJobs = async (icpId: string, version: number) => (await queue("scoring").getJobs(["delayed", "waiting"])).filter((j) => j.data.icpId === icpId && j.data.version === version);
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: unknown) => e as DomainError);

describe("ICP tag rules name tags by id", () => {
  it("a rename keeps the rule (the −40 stays), says which profiles use the tag and rescores them", async () => {
    const dnc = await createTag(a.ctx, { name: "Do not contact" });
    // Saved the way definitions were saved before ids (a name): the read path resolves it.
    const { id: icpId } = await saveIcp(a.ctx, { name: "Rename", definition: { ...engineers, tags: [{ tag: "do not contact", weight: "negative" }] } });
    expect(await storedRules(icpId)).toEqual([{ tagId: dnc.id, tag: "Do not contact", weight: "negative" }]);
    await changeTags(a.ctx, { tagId: dnc.id, op: "add", target: { ids: [ids["ada-lovelace"]!] } });
    expect(await scoreOf(icpId, "ada-lovelace")).toBe(60);

    const renamed = await updateTag(a.ctx, dnc.id, { name: "DNC – legal" });
    expect(renamed.icps.map((i) => i.name)).toEqual(["Rename"]);
    expect((await getIcp(a.ctx, icpId)).definition.tags).toEqual([{ tagId: dnc.id, tag: "DNC – legal", weight: "negative" }]);
    expect(await rescoreJobs(icpId, renamed.icps[0]!.version)).toHaveLength(1);
    expect(await scoreOf(icpId, "ada-lovelace")).toBe(60);
    expect(await scoreOf(icpId, "bob-builder")).toBe(100);
  });

  it("definitions stored with names (before ids) are read with ids, and a rename resolves them first", async () => {
    const vip = await createTag(a.ctx, { name: "VIP Client" });
    const { id: icpId } = await saveIcp(a.ctx, { name: "Legacy", definition: engineers });
    // As such a definition sits in the database today: a lower-cased name, no id.
    await withTeam(a.team.id, (tx) => tx.icp.update({ where: { id: icpId }, data: { definition: { ...engineers, tags: [{ tag: "vip client", weight: "important" }] } } }));
    expect((await getIcp(a.ctx, icpId)).definition.tags).toEqual([{ tagId: vip.id, tag: "VIP Client", weight: "important" }]);
    await changeTags(a.ctx, { tagId: vip.id, op: "add", target: { ids: [ids["bob-builder"]!] } });
    const before = await scoreOf(icpId, "bob-builder");
    const renamed = await updateTag(a.ctx, vip.id, { name: "Key account" });
    expect(renamed.icps.map((i) => i.id)).toEqual([icpId]);
    expect(await storedRules(icpId)).toEqual([{ tagId: vip.id, tag: "Key account", weight: "important" }]);
    expect(await scoreOf(icpId, "bob-builder")).toBe(before);
    expect(before).toBe(100);
  });

  it("a merge repoints the rule to the surviving tag; an ICP with rules on both keeps the survivor's", async () => {
    const old = await createTag(a.ctx, { name: "Churned 2023" });
    const keep = await createTag(a.ctx, { name: "Churned" });
    const { id: one } = await saveIcp(a.ctx, { name: "Merge one", definition: { ...engineers, tags: [{ tagId: old.id, tag: old.name, weight: "negative" }] } });
    const { id: both } = await saveIcp(a.ctx, { name: "Merge both", definition: { ...engineers, tags: [{ tagId: old.id, weight: "negative" }, { tagId: keep.id, weight: "nice" }] } });
    await changeTags(a.ctx, { tagId: old.id, op: "add", target: { ids: [ids["ada-lovelace"]!] } });
    expect(await scoreOf(one, "ada-lovelace")).toBe(60);

    const merged = await mergeTags(a.ctx, { sourceId: old.id, targetId: keep.id });
    expect(merged.icps.map((i) => i.name).sort()).toEqual(["Merge both", "Merge one"]);
    expect(await storedRules(one)).toEqual([{ tagId: keep.id, tag: "Churned", weight: "negative" }]);
    expect(await storedRules(both)).toEqual([{ tagId: keep.id, tag: "Churned", weight: "nice" }]);
    expect(await scoreOf(one, "ada-lovelace")).toBe(60);
  });

  it("deleting a tag an ICP uses asks first; 'remove' takes the rule out of every ICP and rescores", async () => {
    const gone = await createTag(a.ctx, { name: "Temp list" });
    const { id: icpId, version } = await saveIcp(a.ctx, { name: "Delete", definition: { ...engineers, tags: [{ tagId: gone.id, weight: "important" }] } });
    const asked = await rejection(deleteTag(a.ctx, gone.id));
    expect(asked).toBeInstanceOf(DomainError);
    expect(asked.code).toBe("CONFLICT");
    expect(asked.details.field).toBe("icpRules");
    expect(asked.message).toMatch(/“Temp list” is used by the profile “Delete”/);
    expect(await withTeam(a.team.id, (tx) => tx.tag.count({ where: { id: gone.id } }))).toBe(1);

    const deleted = await deleteTag(a.ctx, gone.id, { icpRules: "remove" });
    expect(deleted.icps).toEqual([{ id: icpId, name: "Delete", version: version + 1 }]);
    expect(await storedRules(icpId)).toEqual([]);
    expect(await rescoreJobs(icpId, version + 1)).toHaveLength(1);
    // A tag no profile uses is deleted without asking.
    const unused = await createTag(a.ctx, { name: "Unused" });
    expect((await deleteTag(a.ctx, unused.id)).icps).toEqual([]);
  });

  it("a save names the rule whose tag does not exist, including another team's tag", async () => {
    const theirs = await createTag(b.ctx, { name: "Theirs" });
    for (const rule of [{ tagId: theirs.id, tag: "Theirs" }, { tagId: "no-such-tag", tag: "Ghost" }, { tag: "never created" }]) {
      const e = await rejection(saveIcp(a.ctx, { name: `Bad ${rule.tag}`, definition: { ...engineers, tags: [rule] } }));
      expect(e.code).toBe("VALIDATION");
      expect(e.details.field).toBe("tags.0.tagId");
      expect(e.message).toMatch(/^Tags: there is no tag “.+” in this team/);
    }
  });
});
