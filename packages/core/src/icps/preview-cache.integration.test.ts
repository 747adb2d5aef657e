import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { changeTags, undoTagChange } from "../connections/tagging";
import { createTag, deleteTag, mergeTags } from "../connections/tags";
import { addAccount, csvOf, importBytes } from "../imports/import-helpers.test-util";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import * as preview from "./preview";
import { refreshScores } from "./refresh";

// Issue 16 item 11: the live preview kept a team's network for 60 s, so tags changed in the last
// minute were ignored (39 people off against the saved scores). A per-team version in Postgres,
// bumped with each tag change, is checked on every preview: stale caches reload, on every replica.

let a: TSignedUpUser;
let b: TSignedUpUser;
let people: string[];
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("previewCacheA"), signUpUser("previewCacheB")]);
  const rows = Array.from({ length: 6 }, (_, i): [string, string, string] => [`person-${i}`, "Acme", "Engineer"]);
  await importBytes(a.ctx, await addAccount(a.ctx), csvOf(rows));
  people = (await withTeam(a.team.id, (tx) => tx.connection.findMany({ where: { teamId: a.team.id }, select: { id: true }, orderBy: { id: "asc" } }))).map((c) => c.id);
});
afterAll(stopTestEnv);

const tagged = (tagId: string): TIcpDefinition => ({ ...emptyIcpDefinition(), tags: [{ tagId, tag: "x", weight: "important" }] });
const strongOf = async (tagId: string, cache?: preview.TPreviewCache) => (await preview.previewIcpForTeam(a.ctx, tagged(tagId), new Date(), cache ? { cache } : {})).strong;

describe("ICP live preview cache", () => {
  it("shows a tag applied a moment ago (the default, in-process cache)", async () => {
    const tag = await createTag(a.ctx, { name: "Warm lead" });
    expect(await strongOf(tag.id)).toBe(0); // loads and caches the network
    await changeTags(a.ctx, { tagId: tag.id, op: "add", target: { ids: people.slice(0, 3) } });
    expect(await strongOf(tag.id)).toBe(3);
    const removed = await changeTags(a.ctx, { tagId: tag.id, op: "remove", target: { ids: people.slice(0, 1) } });
    expect(await strongOf(tag.id)).toBe(2);
    await undoTagChange(a.ctx, removed.changeId!);
    expect(await strongOf(tag.id)).toBe(3);
  });

  it("a change made through one replica reaches another replica's cache (merge, delete, import)", async () => {
    const replica1 = preview.createPreviewCache();
    const replica2 = preview.createPreviewCache();
    const from = await createTag(a.ctx, { name: "Lead 2024" });
    const into = await createTag(a.ctx, { name: "Lead" });
    expect(await strongOf(into.id, replica1)).toBe(0);
    expect(await strongOf(into.id, replica2)).toBe(0);
    await changeTags(a.ctx, { tagId: from.id, op: "add", target: { ids: people.slice(0, 4) } });
    expect(await strongOf(from.id, replica2)).toBe(4);
    await mergeTags(a.ctx, { sourceId: from.id, targetId: into.id });
    expect(await strongOf(into.id, replica1)).toBe(4);
    expect(await strongOf(into.id, replica2)).toBe(4);
    await deleteTag(a.ctx, into.id);
    expect(await strongOf(into.id, replica1)).toBe(0);

    const before = (await preview.previewIcpForTeam(a.ctx, emptyIcpDefinition(), new Date(), { cache: replica2 })).total;
    await importBytes(a.ctx, await addAccount(a.ctx), csvOf([["late-joiner", "Acme", "Engineer"]]));
    await refreshScores(a.team.id);
    expect((await preview.previewIcpForTeam(a.ctx, emptyIcpDefinition(), new Date(), { cache: replica2 })).total).toBe(before + 1);
  });

  it("an unchanged network is not reloaded, and a team's version is its own", async () => {
    const cache = preview.createPreviewCache();
    await strongOf("none", cache);
    expect(cache.loads()).toBe(1);
    await strongOf("none", cache);
    expect(cache.loads()).toBe(1);
    // Another team's tag change does not invalidate team A's network.
    const theirs = await createTag(b.ctx, { name: "Theirs" });
    await deleteTag(b.ctx, theirs.id);
    await strongOf("none", cache);
    expect(cache.loads()).toBe(1);
  });
});
