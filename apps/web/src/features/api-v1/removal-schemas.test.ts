import { describe, expect, it } from "vitest";
import type { TOutcomeResult, TRemovalBudget } from "@crm/core";
import { BUDGET_FIELDS, ZAccountBudget, ZOutcomeBody, ZOutcomeResult, ZRemovalBudget, ZReviewOutcomeBody, ZUndoOutcomeBody, ZWithdrawalBudget, ZWithdrawalResult } from "./removal-schemas";

const budget: TRemovalBudget = {
  accountId: "acc_1",
  limit: 20,
  used: 3,
  remaining: 17,
  hourUsed: 3,
  hourlyLimit: 12,
  weekUsed: 9,
  weeklyLimit: 100,
  gapSeconds: 90,
  nextAllowedAt: "2026-12-05T10:01:30.000Z",
  blockedBy: "PACE_WAIT",
  resetsAt: "2026-12-05T23:00:00.000Z",
  timeZone: "Europe/Berlin",
  localDate: "2026-12-05",
};

/** The field readBody (lib/api-v1.ts) names: an unknown key is reported on its object, with the key. */
function refusal(r: ReturnType<typeof ZOutcomeBody.safeParse> | ReturnType<typeof ZReviewOutcomeBody.safeParse>) {
  expect(r.success).toBe(false);
  const i = r.error!.issues[0]!;
  return { field: (i.code === "unrecognized_keys" ? [...i.path, i.keys[0]] : i.path).join("."), message: i.message };
}

describe("removal API shapes", () => {
  it("answers the budget with the issue's fields and the documented extras, never the account id", () => {
    const out = ZRemovalBudget.parse(budget);
    expect(Object.keys(out)).toEqual(BUDGET_FIELDS);
    expect(BUDGET_FIELDS.slice(0, 8)).toEqual(["limit", "used", "remaining", "hourUsed", "weekUsed", "nextAllowedAt", "resetsAt", "timeZone"]);
    expect(out).not.toHaveProperty("accountId");
    expect(ZRemovalBudget.parse({ ...budget, nextAllowedAt: null, blockedBy: null })).toMatchObject({ nextAllowedAt: null, blockedBy: null });
    // Above the hard cap is our bug, not something to pass on.
    expect(ZRemovalBudget.safeParse({ ...budget, limit: 51 }).success).toBe(false);
  });

  it("answers an outcome as {outcome, duplicate, budget}", () => {
    const result: TOutcomeResult = {
      outcome: { id: "o1", itemId: "i1", connectionId: "c1", outcome: "removed", createdAt: "2026-12-05T10:00:00.000Z", undoUntil: "2026-12-05T10:10:00.000Z", counted: true },
      duplicate: false,
      budget,
    };
    const out = ZOutcomeResult.parse(result);
    expect(Object.keys(out)).toEqual(["outcome", "duplicate", "budget"]);
    expect(out.outcome).toEqual(result.outcome);
  });

  it("reads the outcome body strictly, naming the field at fault", () => {
    for (const outcome of ["removed", "not_found", "kept"]) expect(ZOutcomeBody.parse({ outcome })).toEqual({ outcome });
    expect(refusal(ZOutcomeBody.safeParse({}))).toEqual({ field: "outcome", message: expect.stringMatching(/Give an outcome: one of removed, not_found, kept/) });
    expect(refusal(ZOutcomeBody.safeParse({ outcome: "deleted" }))).toEqual({ field: "outcome", message: expect.stringMatching(/Unknown outcome “deleted”/) });
    expect(refusal(ZOutcomeBody.safeParse({ outcome: "removed", force: true }))).toEqual({ field: "force", message: expect.stringMatching(/Unknown field “force”/) });
    expect(refusal(ZOutcomeBody.safeParse(["removed"]))).toMatchObject({ message: expect.stringMatching(/JSON object/) });
  });

  it("reads the undo body: linkedInTouched is a boolean when given", () => {
    expect(ZUndoOutcomeBody.parse({})).toEqual({});
    expect(ZUndoOutcomeBody.parse({ linkedInTouched: false })).toEqual({ linkedInTouched: false });
    const bad = ZUndoOutcomeBody.safeParse({ linkedInTouched: "no" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["linkedInTouched"], message: "linkedInTouched must be true or false." });
  });

  it("answers the budget route with the withdrawal allowance under `withdrawals` (additive)", () => {
    const withdrawals = { ...budget, limit: 60, gapSeconds: 45, hourlyLimit: 20, weeklyLimit: 300 };
    const out = ZAccountBudget.parse({ ...budget, withdrawals });
    expect(Object.keys(out)).toEqual([...BUDGET_FIELDS, "withdrawals"]);
    expect(out.withdrawals).toMatchObject({ limit: 60, gapSeconds: 45 });
    expect(out.withdrawals).not.toHaveProperty("accountId");
    expect(ZWithdrawalBudget.safeParse({ ...withdrawals, limit: 61 }).success).toBe(false);
  });

  it("answers a withdrawal outcome with the invitation in place of the connection", () => {
    const result = {
      outcome: { id: "o1", itemId: "i1", invitationId: "p1", outcome: "withdrawn" as const, createdAt: "2026-12-05T10:00:00.000Z", undoUntil: null, counted: true },
      duplicate: false,
      budget,
      kind: "withdraw_invitation",
    };
    const out = ZWithdrawalResult.parse(result);
    expect(Object.keys(out)).toEqual(["outcome", "duplicate", "budget"]);
    expect(out.outcome).toEqual(result.outcome);
  });

  it("the outcome route reads any of the five codes, naming both sets when the code is unknown", () => {
    for (const outcome of ["removed", "not_found", "kept", "withdrawn", "accepted"]) expect(ZReviewOutcomeBody.parse({ outcome })).toEqual({ outcome });
    expect(refusal(ZReviewOutcomeBody.safeParse({ outcome: "deleted" }))).toEqual({
      field: "outcome",
      message: expect.stringMatching(/removed, not_found, kept for a removal, or withdrawn, accepted, kept for an invitation withdrawal/),
    });
  });
});
