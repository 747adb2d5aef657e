import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam, withTeamSql } from "@crm/db";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { buildQueue } from "./build-queue";
import { addAccountFor, addPeople, addScoredIcps, setScore } from "./build-queue.test-util";

// The queue build on real Postgres: idempotent, set-based, and it never touches what a human did.

const NOW = new Date("2026-12-05T12:00:00Z");
let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("qb-a");
  b = await signUpUser("qb-b");
});
afterAll(stopTestEnv);

type TItem = { id: string; kind: string; state: string; rules: string[]; ruleDetail: Record<string, string>; version: number; round: number; closedReason: string | null; decision: string | null; voteCount: number };
const items = (teamId: string, connectionId: string) =>
  withTeam(teamId, (tx) => tx.reviewItem.findMany({ where: { connectionId }, orderBy: { kind: "asc" } })) as unknown as Promise<TItem[]>;
const item = async (teamId: string, connectionId: string, kind: string) => (await items(teamId, connectionId)).find((i) => i.kind === kind);
const setItem = (teamId: string, id: string, sql: string, params: unknown[] = []) => withTeamSql(teamId, (c) => c.query(`UPDATE "ReviewItem" SET ${sql} WHERE id = $1`, [id, ...params]));

describe("buildQueue", () => {
  let accountId: string;
  let icps: string[];
  let ids: Record<string, string>;

  beforeAll(async () => {
    accountId = await addAccountFor(a.ctx);
    icps = await addScoredIcps(a.ctx, ["Enterprise buyers", "Founders"]);
    ids = await addPeople(a.ctx, accountId, icps, [
      { key: "nofit", scores: [[10, []], [32, []]] },
      { key: "partial", scores: [[10, []], [45, []]] },
      { key: "strong-quiet", scores: [[85, ["stale"]], [10, []]] },
      { key: "strong-talked", lastInteractionAt: new Date("2026-11-20T00:00:00Z"), scores: [[85, []], [10, []]] },
      { key: "lion", scores: [[50, ["open_networker"]], [10, ["open_networker"]]], position: "LION | I accept all invites" },
      { key: "endorser", endorsedMe: true, scores: [[10, ["endorser"]], [5, ["endorser"]]] },
      { key: "voted", scores: [[10, []], [20, []]] },
      { key: "kept", scores: [[10, []], [20, []]] },
      { key: "gone", status: "GONE", scores: [[10, []], [20, []]] },
    ]);
  });

  it("proposes by the rules, says why, and a second run changes nothing", async () => {
    const first = await buildQueue(a.team.id, { now: NOW });
    expect(first).toMatchObject({ remove: 4, follow_up: 1, job_change: 0, opened: 5, updated: 0, closed: 0, reopened: 0 });
    expect(await item(a.team.id, ids.nofit!, "REMOVE")).toMatchObject({
      state: "OPEN",
      origin: "rule",
      rules: ["no_icp_fit"],
      ruleDetail: { no_icp_fit: "Fits none of: Enterprise buyers, Founders (best: 32 under Founders, no fit)" },
    });
    expect(await item(a.team.id, ids.lion!, "REMOVE")).toMatchObject({ rules: ["open_networker"] });
    expect((await item(a.team.id, ids.lion!, "REMOVE"))!.ruleDetail.open_networker).toMatch(/^Open networker \(/);
    expect(await item(a.team.id, ids["strong-quiet"]!, "FOLLOW_UP")).toMatchObject({ rules: ["follow_up_due"], ruleDetail: { follow_up_due: "Strong fit for Enterprise buyers (85), never messaged" } });
    expect(await items(a.team.id, ids["strong-quiet"]!)).toHaveLength(1); // stale, but a strong fit is never proposed for removal
    for (const k of ["partial", "strong-talked", "endorser", "gone"]) expect(await items(a.team.id, ids[k]!), k).toEqual([]);

    const second = await buildQueue(a.team.id, { now: NOW });
    expect(second).toMatchObject({ remove: 4, follow_up: 1, job_change: 0, opened: 0, updated: 0, closed: 0, reopened: 0 });
    expect(second.ms).toBeGreaterThanOrEqual(0);
  });

  it("after a rescore: voted and decided items stay as they are; untouched ones close with the reason", async () => {
    const voted = (await item(a.team.id, ids.voted!, "REMOVE"))!;
    await setItem(a.team.id, voted.id, `"voteCount" = 1`);
    const kept = (await item(a.team.id, ids.kept!, "REMOVE"))!;
    await setItem(a.team.id, kept.id, `state = 'DONE', decision = 'KEEP', "decidedAt" = $2, "keepUntil" = $3, version = version + 1`, [new Date("2026-12-01"), new Date("2027-06-01")]);
    // Everyone now fits Enterprise buyers (partial).
    for (const k of ["nofit", "voted", "kept"]) await setScore(a.ctx, icps[0]!, ids[k]!, 45);

    const r = await buildQueue(a.team.id, { now: NOW });
    expect(r).toMatchObject({ closed: 1, opened: 0, reopened: 0 });
    expect(await item(a.team.id, ids.nofit!, "REMOVE")).toMatchObject({ state: "CLOSED", closedReason: "Now fits Enterprise buyers (partial)", version: 2 });
    expect(await item(a.team.id, ids.voted!, "REMOVE")).toMatchObject({ state: "OPEN", rules: ["no_icp_fit"], version: voted.version, voteCount: 1 });
    expect(await item(a.team.id, ids.kept!, "REMOVE")).toMatchObject({ state: "DONE", decision: "KEEP", version: kept.version + 1 });
    expect((await buildQueue(a.team.id, { now: NOW })).closed).toBe(0);

    // The reason comes back: the closed item (never voted on) opens again, same round.
    await setScore(a.ctx, icps[0]!, ids.nofit!, 10);
    expect(await buildQueue(a.team.id, { now: NOW })).toMatchObject({ reopened: 1, opened: 0 });
    expect(await item(a.team.id, ids.nofit!, "REMOVE")).toMatchObject({ state: "OPEN", closedReason: null, round: 1, version: 3 });
  });

  it("a Keep whose time ran out comes back as a new round; before that, nothing resurrects", async () => {
    const kept = (await item(a.team.id, ids.kept!, "REMOVE"))!;
    await setScore(a.ctx, icps[0]!, ids.kept!, 10);
    expect((await buildQueue(a.team.id, { now: NOW })).reopened).toBe(0);
    const later = new Date("2027-06-02T00:00:00Z");
    expect((await buildQueue(a.team.id, { now: later })).reopened).toBe(1);
    expect(await item(a.team.id, ids.kept!, "REMOVE")).toMatchObject({ state: "OPEN", round: kept.round + 1, decision: null, voteCount: 0, version: kept.version + 1 });
    expect((await buildQueue(a.team.id, { now: later })).reopened).toBe(0);
  });

  it("closes with the protection or the lost connection as the reason, and changes rules with a new version", async () => {
    const tag = await withTeam(a.team.id, (tx) => tx.tag.create({ data: { teamId: a.team.id, name: "VIP", nameKey: "vip", color: "red" } }));
    await withTeam(a.team.id, (tx) => tx.connectionTag.create({ data: { teamId: a.team.id, tagId: tag.id, connectionId: ids.nofit! } }));
    await withTeam(a.team.id, (tx) => tx.queueSettings.create({ data: { teamId: a.team.id, rules: { protectedTagIds: [tag.id] } } }));
    await withTeamSql(a.team.id, (c) => c.query(`UPDATE "Connection" SET status = 'GONE' WHERE id = $1`, [ids.lion]));
    const quiet = (await item(a.team.id, ids["strong-quiet"]!, "FOLLOW_UP"))!;
    await setScore(a.ctx, icps[0]!, ids["strong-quiet"]!, 60, ["stale"]); // no longer strong: follow-up closes, stale removal opens

    const r = await buildQueue(a.team.id, { now: NOW });
    // The build at a later date (last test) found "strong-talked" due for a follow-up; today it is not.
    expect(r).toMatchObject({ closed: 4, opened: 1 });
    expect(await item(a.team.id, ids["strong-talked"]!, "FOLLOW_UP")).toMatchObject({ state: "CLOSED", closedReason: "Messaged 2026-11-20" });
    expect(await item(a.team.id, ids.nofit!, "REMOVE")).toMatchObject({ state: "CLOSED", closedReason: "Tagged “VIP” (protected)" });
    expect(await item(a.team.id, ids.lion!, "REMOVE")).toMatchObject({ state: "CLOSED", closedReason: "No longer connected" });
    expect(await item(a.team.id, ids["strong-quiet"]!, "FOLLOW_UP")).toMatchObject({ state: "CLOSED", closedReason: "No longer a strong fit", version: quiet.version + 1 });
    expect(await item(a.team.id, ids["strong-quiet"]!, "REMOVE")).toMatchObject({ state: "OPEN", rules: ["stale"], ruleDetail: { stale: "No message, connected 2016-03" } });

    // Another rule on an untouched item: the rules change and the version moves.
    const stale = (await item(a.team.id, ids["strong-quiet"]!, "REMOVE"))!;
    await setScore(a.ctx, icps[1]!, ids["strong-quiet"]!, 10, ["open_networker"]);
    expect((await buildQueue(a.team.id, { now: NOW })).updated).toBe(1);
    expect(await item(a.team.id, ids["strong-quiet"]!, "REMOVE")).toMatchObject({ rules: ["open_networker", "stale"], version: stale.version + 1 });
  });

  it("proposes the job changes of the account's latest completed import only", async () => {
    const acc = await addAccountFor(a.ctx);
    const p = await addPeople(a.ctx, acc, icps, [{ key: "mover", scores: [[55, []], [10, []]], company: "Globex" }, { key: "old-mover", scores: [[55, []], [10, []]] }]);
    const imp = (status: string, finishedAt: string) =>
      ownerQuery<{ id: string }>(
        `INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize", status, "finishedAt") VALUES (gen_random_uuid()::text, $1, $2, 'c.csv', 1, $3::"ImportStatus", $4) RETURNING id`,
        [a.team.id, acc, status, finishedAt],
      );
    const [older] = await imp("COMPLETED", "2026-10-01T00:00:00Z");
    const [latest] = await imp("COMPLETED", "2026-12-01T00:00:00Z");
    await imp("FAILED", "2026-12-02T00:00:00Z");
    const ev = (connectionId: string, importId: string) =>
      ownerQuery(
        `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind, data, "createdAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'JOB_CHANGED', $4, '2026-12-01T00:00:00Z')`,
        [a.team.id, connectionId, importId, JSON.stringify({ from: { company: "Acme", position: "Engineer" }, to: { company: "Globex", position: "Engineer" } })],
      );
    await ev(p.mover!, latest!.id);
    await ev(p["old-mover"]!, older!.id);
    const r = await buildQueue(a.team.id, { accountId: acc, now: NOW });
    expect(r).toMatchObject({ remove: 0, follow_up: 0, job_change: 1, opened: 1 });
    expect(await item(a.team.id, p.mover!, "JOB_CHANGE")).toMatchObject({ rules: ["job_change"], ruleDetail: { job_change: "Acme → Globex (seen 2026-12-01)" } });
    expect(await items(a.team.id, p["old-mover"]!)).toEqual([]);
    // The sentences Postgres stores as jsonb (arrows, quotes) compare equal on the next run.
    expect(await buildQueue(a.team.id, { accountId: acc, now: NOW })).toMatchObject({ opened: 0, updated: 0, closed: 0, reopened: 0 });
  });

  it("a title cut at an emoji keeps the emoji whole or leaves it out: the build does not fail", async () => {
    const acc = await addAccountFor(a.ctx);
    const p = await addPeople(a.ctx, acc, icps, [{ key: "rocket", scores: [[55, []], [10, []]] }]);
    const [imp] = await ownerQuery<{ id: string }>(
      `INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize", status, "finishedAt") VALUES (gen_random_uuid()::text, $1, $2, 'c.csv', 1, 'COMPLETED', '2026-12-01T00:00:00Z') RETURNING id`,
      [a.team.id, acc],
    );
    const to = `${"x".repeat(58)}🚀 Head of Growth`;
    await ownerQuery(
      `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind, data, "createdAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'JOB_CHANGED', $4, '2026-12-01T00:00:00Z')`,
      [a.team.id, p.rocket!, imp!.id, JSON.stringify({ from: { company: "Acme", position: "Engineer" }, to: { company: "Acme", position: to } })],
    );
    const r = await buildQueue(a.team.id, { accountId: acc, now: NOW });
    expect(r).toMatchObject({ job_change: 1, opened: 1 });
    const detail = (await item(a.team.id, p.rocket!, "JOB_CHANGE"))!.ruleDetail.job_change!;
    expect(detail).toBe(`Engineer → ${"x".repeat(58)}… (seen 2026-12-01)`);
    expect(await buildQueue(a.team.id, { accountId: acc, now: NOW })).toMatchObject({ opened: 0, updated: 0, closed: 0, reopened: 0 });
  });

  it("never reaches another team: a build for A leaves B alone, and B's account is not found", async () => {
    const accB = await addAccountFor(b.ctx);
    const icpsB = await addScoredIcps(b.ctx, ["B profile"]);
    const pb = await addPeople(b.ctx, accB, icpsB, [{ key: "bnofit", scores: [[5, []]] }]);
    await buildQueue(a.team.id, { now: NOW });
    expect(await items(b.team.id, pb.bnofit!)).toEqual([]);
    expect((await rejectionOf(buildQueue(a.team.id, { accountId: accB, now: NOW }))).code).toBe("NOT_FOUND");
    const built = await buildQueue(b.team.id, { accountId: accB, now: NOW });
    expect(built).toMatchObject({ remove: 1, opened: 1 });
    const aCount = await withTeam(a.team.id, (tx) => tx.reviewItem.count({ where: { accountId: accB } }));
    expect(aCount).toBe(0);
  });

  it("a team without an ICP gets no no_icp_fit items, only flag rules", async () => {
    const c = await signUpUser("qb-noicp");
    const acc = await addAccountFor(c.ctx);
    const p = await addPeople(c.ctx, acc, [], [{ key: "plain" }, { key: "lion2", position: "LION 🦁 open networker" }]);
    const r = await buildQueue(c.team.id, { now: NOW });
    expect(r).toMatchObject({ remove: 2, follow_up: 0, job_change: 0 });
    // Connected 2016, never messaged: stale by the default 24 months; the LION also as open networker.
    expect(await item(c.team.id, p.plain!, "REMOVE")).toMatchObject({ rules: ["stale"] });
    expect(await item(c.team.id, p.lion2!, "REMOVE")).toMatchObject({ rules: ["open_networker", "stale"] });
    expect(await buildQueue(c.team.id, { now: NOW })).toMatchObject({ opened: 0, updated: 0, closed: 0, reopened: 0 });
  });
});
