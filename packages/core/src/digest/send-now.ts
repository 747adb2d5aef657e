import { withTeamRaw } from "@crm/db";
import { publishOutbox, renderDigestEmail } from "@crm/email";
import { now } from "../clock";
import { unsubscribeHeaders } from "../mail/unsubscribe-token";
import type { TTeamContext } from "../teams/membership";
import { composeTeamDigests } from "./compose-team";
import { insertOutboxRows } from "./outbox-rows";

// "Send me this week's digest now" (settings): the 7 days up to now, for the signed-in member, sent
// even in a quiet week or with the weekly digest off (they asked). It claims no period, so the
// scheduled digest still comes; the dedupeKey's 10-minute bucket makes a double click send once.

const BUCKET_MS = 10 * 60_000;

export async function sendDigestNow(ctx: TTeamContext): Promise<{ sent: boolean; reason: string }> {
  const at = now();
  const dedupeKey = `digest-now:${ctx.teamId}:${ctx.userId}:${Math.floor(at.getTime() / BUCKET_MS)}`;
  const already = "Already sent in the last few minutes — check your inbox.";
  const model = await withTeamRaw(ctx.teamId, async (tx) => {
    const [seen] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "EmailOutbox" WHERE "dedupeKey" = ${dedupeKey}`;
    if (seen) return "already" as const;
    return (await composeTeamDigests(tx, ctx.teamId, [{ userId: ctx.userId, period: "now", dueAt: at }], at)).get(ctx.userId) ?? null;
  });
  if (model === "already") return { sent: false, reason: already };
  if (!model) return { sent: false, reason: "You are no longer a member of this team." };
  const r = await renderDigestEmail(model);
  const { created } = await withTeamRaw(ctx.teamId, (tx) =>
    insertOutboxRows(tx, ctx.teamId, "digest", [
      { dedupeKey, to: model.recipient.email, subject: r.subject, html: r.html, text: r.text, headers: unsubscribeHeaders({ teamId: ctx.teamId, userId: ctx.userId, topic: "digest" }) },
    ]),
  );
  if (created.length === 0) return { sent: false, reason: already };
  await publishOutbox(created[0]!);
  return { sent: true, reason: `Sent to ${model.recipient.email}${model.quiet ? " (a quiet week)" : ""} — check your inbox.` };
}
