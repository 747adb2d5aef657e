import { withTeamRaw } from "@crm/db";
import { digestText } from "@crm/email";
import { now } from "../clock";
import type { TTeamContext } from "../teams/membership";
import { composeTeamDigests } from "./compose-team";
import { sendWeeklyDigests } from "./send-weekly";
import { latestWeeklySlot } from "./slot";

// The operator's `digest` command (apps/cli): the member's current period, as the sweep sees it.

export type TDigestCliResult = { sent: boolean; reason: string; period: string };

/** The plain-text part of the member's current digest; composes, claims nothing, sends nothing. */
export async function previewDigestText(ctx: TTeamContext, at: Date = now()): Promise<string> {
  return withTeamRaw(ctx.teamId, async (tx) => {
    const slot = await latestWeeklySlot(tx, ctx.teamId, ctx.userId, at);
    const model = (await composeTeamDigests(tx, ctx.teamId, [slot], at)).get(ctx.userId);
    if (!model) throw new Error("not a member of this team");
    return digestText(model);
  });
}

const REASONS: Record<string, (period: string, email: string) => string> = {
  sent: (p, e) => `sent the digest for ${p} to ${e}`,
  quiet: (p, e) => `sent the quiet-week note for ${p} to ${e}`,
  empty: (p) => `nothing to say for ${p} and the quiet-week note is off; recorded, nothing sent`,
  unsubscribed: (p) => `the weekly digest is off for this member; ${p} recorded, nothing sent`,
  already: (p) => `already sent for ${p}`,
  "not-member": () => "not a member of this team",
  "not-due": (p) => `${p} is not due yet; nothing sent`,
};

/** Sends the member's current period through the outbox, exactly once (the sweep's own path). */
export async function sendDigestForMember(ctx: TTeamContext, email: string, at: Date = now()): Promise<TDigestCliResult> {
  const slot = await withTeamRaw(ctx.teamId, (tx) => latestWeeklySlot(tx, ctx.teamId, ctx.userId, at));
  const [r] = await sendWeeklyDigests(ctx.teamId, [slot], at);
  const status = r?.status ?? "not-member";
  return { sent: status === "sent" || status === "quiet", reason: REASONS[status]!(slot.period, email), period: slot.period };
}
