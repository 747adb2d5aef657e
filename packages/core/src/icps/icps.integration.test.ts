import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { addAccount, importBytes } from "../imports/import-helpers.test-util";
import { generateConnectionsCsv } from "../testing/generate-export";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getIcp, listIcpChoices, listIcps, saveIcp } from "./icps";
import { previewIcpForTeam } from "./preview";
import { refreshScores } from "./refresh";
import { rescoreIcp, writeScores } from "./rescore";
import { listScores } from "./scores";

let a: TSignedUpUser;
let b: TSignedUpUser;
const ROWS = 200;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("icpA"), signUpUser("icpB")]);
  await importBytes(a.ctx, await addAccount(a.ctx), generateConnectionsCsv({ rows: ROWS }));
});
afterAll(stopTestEnv);

const def = (over: Partial<TIcpDefinition>): TIcpDefinition => ({ ...emptyIcpDefinition(), ...over });
const vpSales = def({ titleKeywords: { values: ["VP Sales"], weight: "important" } });
const engineers = def({ functions: { values: ["engineering"], weight: "important" } });
const scoresOf = (icpId: string) => withTeam(a.team.id, (tx) => tx.icpScore.findMany({ where: { icpId } }));

describe("ICP → rescore job → scores", () => {
  it("classifies the titles and scores every connection, explaining each score", async () => {
    const refreshed = await refreshScores(a.team.id);
    expect(refreshed.classified).toBe(ROWS);
    const classes = await withTeam(a.team.id, (tx) => tx.connection.groupBy({ by: ["seniority"], where: { position: "VP Sales" }, _count: { _all: true } }));
    expect(classes.map((c) => c.seniority)).toEqual(["vp"]);

    const { id, version } = await saveIcp(a.ctx, { name: "Sales leaders", definition: vpSales });
    expect(version).toBe(1);
    expect(await rescoreIcp(a.team.id, id, { version })).toMatchObject({ status: "scored", scored: ROWS, version: 1 });
    const scores = await scoresOf(id);
    expect(scores).toHaveLength(ROWS);
    const top = await listScores(a.ctx, id, { take: 3 });
    expect(top[0]?.position).toBe("VP Sales");
    expect(top[0]?.reasons.map((r) => r.text).join(" ")).toMatch(/VP Sales/);
    const summary = await getIcp(a.ctx, id);
    expect(summary.bands.strong + summary.bands.partial + summary.bands.none).toBe(ROWS);
    expect(summary.scoredVersion).toBe(1);
  });

  it("ten quick edits leave one effective rescore, of the latest version", async () => {
    const { id } = await saveIcp(a.ctx, { name: "Busy editor", definition: vpSales });
    let last = 1;
    for (let i = 0; i < 9; i++) last = (await saveIcp(a.ctx, { icpId: id, name: "Busy editor", definition: i % 2 ? vpSales : engineers })).version;
    expect(last).toBe(10);
    const results = [];
    for (let v = 1; v <= 10; v++) results.push((await rescoreIcp(a.team.id, id, { version: v })).status);
    expect(results).toEqual([...Array(9).fill("superseded"), "scored"]);
    expect(new Set((await scoresOf(id)).map((s) => s.version))).toEqual(new Set([10]));
  });

  it("a job for an older version that writes late does not overwrite newer scores", async () => {
    const { id } = await saveIcp(a.ctx, { name: "Late writer", definition: vpSales });
    await saveIcp(a.ctx, { icpId: id, name: "Late writer", definition: engineers });
    await rescoreIcp(a.team.id, id, { version: 2 });
    const newer = await scoresOf(id);
    await writeScores(a.team.id, id, 1, vpSales, new Date()); // the slow v1 job finally writes
    const after = await scoresOf(id);
    expect(after.map((s) => [s.connectionId, s.version, s.score])).toEqual(newer.map((s) => [s.connectionId, s.version, s.score]));
    expect((await getIcp(a.ctx, id)).scoredVersion).toBe(2);
  });

  it("people gone from the network lose their scores at the next rescore", async () => {
    const b2 = await signUpUser("icpGone");
    const acc = await addAccount(b2.ctx);
    await importBytes(b2.ctx, acc, generateConnectionsCsv({ rows: 50 }));
    const { id, version } = await saveIcp(b2.ctx, { name: "Gone", definition: vpSales });
    await rescoreIcp(b2.team.id, id, { version });
    await importBytes(b2.ctx, acc, generateConnectionsCsv({ rows: 40 }));
    await rescoreIcp(b2.team.id, id, { version });
    expect(await withTeam(b2.team.id, (tx) => tx.icpScore.count({ where: { icpId: id } }))).toBe(40);
  });

  it("previews a definition over the whole network", async () => {
    const p = await previewIcpForTeam(a.ctx, vpSales);
    expect(p.total).toBe(ROWS);
    expect(p.strong + p.partial + p.none).toBe(ROWS);
    expect(p.samples.strong.concat(p.samples.partial).every((s) => p.people[s.id]?.position === "VP Sales")).toBe(true);
    expect((await rejectionOf(previewIcpForTeam(a.ctx, { ...vpSales, titleKeywords: { values: ["x"], weight: "huge" } }))).code).toBe("VALIDATION");
  });
});

describe("ICPs across teams and roles", () => {
  it("team B cannot read, edit, rescore or preview against team A's profiles or network", async () => {
    const { id } = await saveIcp(a.ctx, { name: "Secret", definition: vpSales });
    expect((await rejectionOf(getIcp(b.ctx, id))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(listScores(b.ctx, id))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(saveIcp(b.ctx, { icpId: id, name: "Hijack", definition: vpSales }))).code).toBe("NOT_FOUND");
    expect(await rescoreIcp(b.team.id, id)).toMatchObject({ status: "missing" });
    expect((await previewIcpForTeam(b.ctx, vpSales)).total).toBe(0);
    expect((await listIcps(b.ctx)).map((i) => i.id)).toEqual([]);
    expect(await listIcpChoices(b.ctx)).toEqual([]);
    expect(await listIcpChoices(a.ctx)).toContainEqual({ id, name: "Secret" });
    expect((await getIcp(a.ctx, id)).name).toBe("Secret");
  });

  it("members cannot change profiles", async () => {
    const e = await rejectionOf(saveIcp({ ...a.ctx, role: "MEMBER" }, { name: "Nope", definition: vpSales }));
    expect(e.code).toBe("FORBIDDEN");
  });
});
