import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw, withTeamSql } from "@crm/db";
import { lockAccountForImport } from "../imports/account-lock";
import { verifyWithdrawals } from "../imports/verify-withdrawals";
import { importArchive, out } from "../imports/invitations.test-util";
import { addAccount } from "../imports/import-helpers.test-util";
import { listAccountInvitations } from "../linkedin-invitations/list-invitations";
import { recordInvitationResponse } from "../linkedin-invitations/record-response";
import { addSeconds, clockAt } from "../removals/removal.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { recordReviewOutcome } from "./dispatch";
import { recordWithdrawal } from "./record";
import { undoWithdrawal } from "./undo";
import { getWithdrawalSession } from "./session";
import { getWithdrawalPolicy, updateWithdrawalPolicy } from "./policy-service";
import { getWithdrawalBudget } from "./budget";
import { countedWithdrawals, makeWithdrawalWorld, withdrawItemRow, withdrawUsed, type TWithdrawalWorld } from "./withdrawal.test-util";

// Attacks on the withdrawal surface (issue 17, an outside review): REAL ids of the other team,
// non-owners, concurrency on one item and one outcome, an import running while a withdrawal is
// recorded, a hostile Invitations.csv, and an undo the archive already contradicts.

const T0 = new Date("2026-12-08T10:00:00.000Z");
let a: TWithdrawalWorld;
let b: TWithdrawalWorld;

beforeAll(async () => {
  process.env.DATABASE_POOL_SIZE = "15";
  await startTestEnv();
  a = await makeWithdrawalWorld({ label: "RvA", count: 12 });
  b = await makeWithdrawalWorld({ label: "RvB", count: 2 });
});
afterAll(stopTestEnv);

describe("tenant wall with real ids", () => {
  it("team B's owner gets 404 on team A's real outcome, item, account, invitation; nothing changes", async () => {
    const item = a.withdrawItems[0]!;
    const rec = await recordWithdrawal(a.ctx.owner, item, { outcome: "withdrawn" }, clockAt(T0));
    const before = await withdrawUsed(a, "2026-12-08");
    const B = b.ctx.owner;
    expect(await rejectionOf(undoWithdrawal(B, rec.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(T0, 5))))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordReviewOutcome(B, a.withdrawItems[1]!, { outcome: "withdrawn" }, clockAt(T0)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordWithdrawal(B, a.withdrawItems[1]!, { outcome: "kept" }, clockAt(T0)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(getWithdrawalSession(B, a.account.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(getWithdrawalBudget(B, a.account.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(getWithdrawalPolicy(B, a.account.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(updateWithdrawalPolicy(B, a.account.id, { withdrawDailyLimit: 60, acknowledgeRisk: true }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(listAccountInvitations(B, a.account.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordInvitationResponse(B, a.invitations[2]!, { response: "accepted" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await withdrawUsed(a, "2026-12-08")).toBe(before);
    expect((await withdrawItemRow(item)).state).toBe("DONE");
    expect((await withdrawItemRow(a.withdrawItems[1]!)).state).toBe("APPROVED");
    const [pol] = await ownerQuery<{ l: number | null }>(`SELECT "withdrawDailyLimit" AS l FROM "RemovalBudget" WHERE "accountId" = $1`, [a.account.id]);
    expect(pol?.l ?? null).toBeNull();
  });

  it("RLS on WithdrawalOutcome: team B sees none of A's rows without a team filter and cannot write one for A", async () => {
    const seen = await withTeamRaw(b.owner.team.id, (tx) => tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "WithdrawalOutcome" WHERE "accountId" = ${a.account.id}`);
    expect(seen[0]!.n).toBe(0);
    const err = await rejectionOf(
      withTeamRaw(b.owner.team.id, (tx) => tx.$executeRaw`
        INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate")
        VALUES (gen_random_uuid()::text, ${a.owner.team.id}, ${a.account.id}, ${a.withdrawItems[3]!}, ${a.invitations[3]!}, 'WITHDRAWN', '2026-12-08')`),
    );
    expect(err.message).toMatch(/row-level security/);
  });
});

describe("non-owners", () => {
  it("teammate and admin cannot undo the owner's outcome or change the policy or answer invitations", async () => {
    const rec = await recordWithdrawal(a.ctx.owner, a.withdrawItems[4]!, { outcome: "kept" }, clockAt(addSeconds(T0, 3600)));
    for (const ctx of [a.ctx.teammate, a.ctx.admin]) {
      expect(await rejectionOf(undoWithdrawal(ctx, rec.outcome.id, {}, clockAt(addSeconds(T0, 3601))))).toMatchObject({ code: "FORBIDDEN" });
      expect(await rejectionOf(updateWithdrawalPolicy(ctx, a.account.id, { withdrawDailyLimit: 5 }))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await withdrawItemRow(a.withdrawItems[4]!)).state).toBe("DONE");
  });
});

describe("concurrency on one item / one outcome", () => {
  it("ten simultaneous “withdrawn” on the same item count once", async () => {
    const id = a.withdrawItems[5]!;
    const at = new Date("2026-12-10T10:00:00.000Z");
    const r = await Promise.allSettled(Array.from({ length: 10 }, () => recordReviewOutcome(a.ctx.owner, id, { outcome: "withdrawn" }, clockAt(at))));
    const ok = r.filter((x) => x.status === "fulfilled").map((x) => (x as PromiseFulfilledResult<{ duplicate: boolean }>).value);
    expect(r.filter((x) => x.status === "rejected").map((x) => String((x as PromiseRejectedResult).reason))).toEqual([]);
    expect(ok.filter((x) => !x.duplicate)).toHaveLength(1);
    expect(await withdrawUsed(a, "2026-12-10")).toBe(1);
  });

  it("five simultaneous undos of one “withdrawn”: one succeeds, the count goes back once", async () => {
    const id = a.withdrawItems[6]!;
    const at = new Date("2026-12-11T10:00:00.000Z");
    const rec = await recordWithdrawal(a.ctx.owner, id, { outcome: "withdrawn" }, clockAt(at));
    const before = await countedWithdrawals(a);
    const r = await Promise.allSettled(Array.from({ length: 5 }, () => undoWithdrawal(a.ctx.owner, rec.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(at, 10)))));
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(r.filter((x) => x.status === "rejected").map((x) => (x as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT"]);
    expect(await withdrawUsed(a, "2026-12-11")).toBe(0);
    expect(await countedWithdrawals(a)).toBe(before - 1);
  });
});

describe("a withdrawal recorded while an import applies the same invitation", () => {
  it("import marks it GONE, the owner clicks “Withdrawn”, the import verifies: no deadlock, one clear outcome", async () => {
    const id = a.withdrawItems[7]!;
    const inv = a.invitations[7]!;
    const at = new Date("2026-12-12T10:00:00.000Z");
    let recording: Promise<unknown> | null = null;
    const importRun = withTeamSql(a.owner.team.id, async (client) => {
      // The import's locks come first (process-import.ts), then what applyInvitations' "not
      // listed any more" statement does to this row.
      await lockAccountForImport(client, a.owner.team.id, a.account.id);
      await client.query(`UPDATE "PendingInvitation" SET status = 'GONE', "statusChangedAt" = now() WHERE id = $1 AND "teamId" = $2`, [inv, a.owner.team.id]);
      recording = recordWithdrawal(a.ctx.owner, id, { outcome: "withdrawn" }, clockAt(at)).then(
        (v) => ({ ok: v }),
        (e: unknown) => ({ err: e }),
      );
      await new Promise((r) => setTimeout(r, 500)); // the recording now waits for the account's budget lock
      return verifyWithdrawals(client, { teamId: a.owner.team.id, accountId: a.account.id, importId: "review-import" });
    }).then(
      (v) => ({ ok: v }),
      (e: unknown) => ({ err: e }),
    );
    const [imp, rec] = await Promise.all([importRun, (async () => { while (!recording) await new Promise((r) => setTimeout(r, 10)); return recording; })()]);
    const errs = [imp, rec as { err?: unknown }].map((x) => ("err" in x && x.err ? String((x.err as Error).message ?? x.err) : null));
    // Without the import's budget lock, one side failed with a deadlock (40P01). Now the import
    // finishes and the click, run after it, finds the invitation no longer pending: a clear 409.
    expect(errs[0]).toBeNull();
    expect((rec as { err?: { code?: string } }).err?.code ?? "recorded").toMatch(/^(CONFLICT|recorded)$/);
  });
});

describe("hostile Invitations.csv", () => {
  it("a 100,000-character name is refused like a connection's name (over 200): the line is a rejection, nothing long is stored", async () => {
    const longName = "A".repeat(100_000);
    const acc = await addAccount(a.ctx.owner);
    await importArchive(a.ctx.owner, acc, [["someone-x", "Acme", "CEO"]], [out(longName, null, "10/1/24 9:00 AM")]);
    const rows = await ownerQuery<{ n: number }>(`SELECT max(length(name))::int AS n FROM "PendingInvitation" WHERE "accountId" = $1`, [acc]);
    expect(rows[0]?.n ?? 0).toBeLessThanOrEqual(200);
  });
});

describe("invitations list input", () => {
  it("page × limit stays under the cursor's maxOffset (100,000); only plain digits are numbers; empty is not given", async () => {
    const { parseInvitationListInput } = await import("../linkedin-invitations/list-input");
    expect(() => parseInvitationListInput({ page: "10000", limit: "200" })).toThrow(/page/);
    expect(parseInvitationListInput({ page: "501", limit: "200" }).page).toBe(501);
    expect(parseInvitationListInput({ olderThanDays: "" }).olderThanDays).toBeUndefined();
    for (const bad of ["0x1e", "1e3", "-5", "3.5"]) expect(() => parseInvitationListInput({ olderThanDays: bad }), bad).toThrow(/olderThanDays/);
  });
});

describe("undo after the archive verified the withdrawal", () => {
  it("an outcome the next archive verified as withdrawn can no longer be undone as 'LinkedIn untouched'", async () => {
    const id = a.withdrawItems[8]!;
    const inv = a.invitations[8]!;
    const at = new Date("2026-12-13T10:00:00.000Z");
    const rec = await recordWithdrawal(a.ctx.owner, id, { outcome: "withdrawn" }, clockAt(at));
    await withTeamSql(a.owner.team.id, async (client) => {
      await client.query(`UPDATE "PendingInvitation" SET status = 'GONE', "statusChangedAt" = now() WHERE id = $1`, [inv]);
      return verifyWithdrawals(client, { teamId: a.owner.team.id, accountId: a.account.id, importId: "review-import-2" });
    });
    const [o] = await ownerQuery<{ verification: string | null }>(`SELECT verification FROM "WithdrawalOutcome" WHERE id = $1`, [rec.outcome.id]);
    expect(o!.verification).toBe("withdrawn");
    const undo = await undoWithdrawal(a.ctx.owner, rec.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(at, 60))).then(
      (r) => r,
      (e: { code?: string }) => e,
    );
    // Observed: the undo succeeds, gives the allowance back and puts the item back to APPROVED although LinkedIn's export shows it withdrawn.
    expect(undo).toMatchObject({ code: "CONFLICT" });
  });
});
