import { withTeamRaw } from "@crm/db";
import { invalid, notFound } from "../errors";
import { OUTCOME_CODES } from "../removals/outcome-input";
import { recordOutcome } from "../removals/record-outcome";
import type { TClock, TOutcomeResult } from "../removals/types";
import type { TTeamContext } from "../teams/membership";
import { rawOutcome, WITHDRAWAL_OUTCOME_CODES } from "./input";
import { recordWithdrawal } from "./record";
import type { TWithdrawalResult } from "./types";

// POST /review-items/{id}/outcome serves both guided sessions: the item's kind says which. The
// kind of an item never changes, so reading it before the recording's own transaction cannot go
// stale; the recording then locks and checks everything again.

export type TReviewOutcomeResult = ({ kind: "remove" } & TOutcomeResult) | ({ kind: "withdraw_invitation" } & TWithdrawalResult);

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function recordReviewOutcome(ctx: TTeamContext, itemId: string, input: { outcome: unknown }, clock?: TClock): Promise<TReviewOutcomeResult> {
  if (typeof itemId !== "string" || !ID.test(itemId)) throw notFound("This review item");
  const [row] = await withTeamRaw(ctx.teamId, (tx) =>
    tx.$queryRaw<Array<{ kind: string }>>`SELECT kind::text AS kind FROM "ReviewItem" WHERE "teamId" = ${ctx.teamId} AND id = ${itemId}`,
  );
  if (!row) throw notFound("This review item");
  const code = rawOutcome(input);
  if (row.kind === "WITHDRAW_INVITATION") {
    if (!(WITHDRAWAL_OUTCOME_CODES as readonly unknown[]).includes(code)) throw wrongCode(code, "an invitation withdrawal", WITHDRAWAL_OUTCOME_CODES);
    return { kind: "withdraw_invitation", ...(await recordWithdrawal(ctx, itemId, { outcome: code }, clock)) };
  }
  if (row.kind === "REMOVE") {
    if (!(OUTCOME_CODES as readonly unknown[]).includes(code)) throw wrongCode(code, "a removal", OUTCOME_CODES);
    return { kind: "remove", ...(await recordOutcome(ctx, itemId, { outcome: code }, clock)) };
  }
  // Follow-ups and the like have no guided session.
  throw notFound("This removal or invitation withdrawal");
}

function wrongCode(code: unknown, what: string, allowed: readonly string[]): Error {
  const list = allowed.map((c) => `"${c}"`).join(", ");
  const shown = typeof code === "string" && code ? `“${code.slice(0, 40)}” is not an outcome of ${what}. ` : "";
  return invalid("outcome", `${shown}This item is ${what}: outcome must be one of ${list}.`);
}
