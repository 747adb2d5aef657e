import { z } from "zod";
import { withTeam, type Prisma } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { canImportInto, getLinkedInAccount } from "../accounts/accounts";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { IMPORT_SCOPES, type TImportScope } from "./scope";
import type { TImportDetails } from "./summary";
import { enqueueAnswered } from "./enqueue-answered";

const ZScope = z.enum(IMPORT_SCOPES);

/**
 * The user's answer to "is this file your whole network?" for an import at NEEDS_CONFIRMATION:
 * "partial" adds and updates people and marks no one gone; "whole" marks the rest gone. One
 * conditional UPDATE is the transition, so a double click or two people answering at once queue
 * the import once; repeating the answer that won is harmless, a different answer is a conflict.
 * `expectedWouldGo` is the number the user was shown: "whole" is refused if the import has since
 * asked again with another number (an old page must not confirm a number no one saw).
 * `queue: false` leaves running the import to the caller (tests).
 */
export async function confirmImportScope(
  ctx: TTeamContext,
  importId: string,
  raw: unknown,
  opts: { queue?: boolean; expectedWouldGo?: number } = {},
): Promise<{ queued: boolean; scope: TImportScope }> {
  const parsed = ZScope.safeParse(raw);
  if (!parsed.success) throw invalid("scope", "Say whether this file is a partial list or your whole network.");
  const scope = parsed.data;
  const row = await withTeam(ctx.teamId, (tx) => tx.import.findFirst({ where: { id: importId, teamId: ctx.teamId } }));
  if (!row) throw notFound("This import");
  if (!canImportInto(ctx, await getLinkedInAccount(ctx, row.accountId))) {
    throw forbidden("Only the account's owner, or a team owner or admin, can decide how this file is applied.");
  }
  const details = (row.details ?? {}) as TImportDetails;
  // "Whole" applies to the number the user saw: the import asks again if more would go when it runs.
  const confirmedWouldGo = scope === "whole" ? details.confirmation?.wouldGo : undefined;
  if (scope === "whole" && opts.expectedWouldGo !== undefined && row.status === "NEEDS_CONFIRMATION" && confirmedWouldGo !== opts.expectedWouldGo) {
    throw numberChanged(confirmedWouldGo);
  }
  const queueAttempt = Date.now(); // the job's id: a repeated answer re-publishes the same job

  const queued = await withTeam(ctx.teamId, async (tx) => {
    const { count } = await tx.import.updateMany({
      where: {
        id: importId, teamId: ctx.teamId, status: "NEEDS_CONFIRMATION",
        // Same check as above, in the transition itself: the run may re-ask between read and update.
        ...(confirmedWouldGo !== undefined ? { details: { path: ["confirmation", "wouldGo"], equals: confirmedWouldGo } } : {}),
      },
      data: { status: "QUEUED", details: { ...details, scope, queueAttempt, ...(confirmedWouldGo !== undefined ? { confirmedWouldGo } : {}) } as Prisma.InputJsonValue },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      teamId: ctx.teamId, actorUserId: ctx.userId, action: "import.confirm_scope", targetType: "Import", targetId: importId,
      metadata: { scope, wouldGo: details.confirmation?.wouldGo ?? null },
    });
    return true;
  });
  if (!queued) {
    const now = await withTeam(ctx.teamId, (tx) => tx.import.findFirst({ where: { id: importId }, select: { status: true, details: true } }));
    const nowDetails = (now?.details ?? {}) as TImportDetails;
    const answered = nowDetails.scope;
    if (scope === "whole" && now?.status === "NEEDS_CONFIRMATION" && nowDetails.confirmation?.wouldGo !== confirmedWouldGo) {
      throw numberChanged(nowDetails.confirmation?.wouldGo);
    }
    if (answered === scope && now?.status === "QUEUED" && opts.queue !== false) {
      // Still queued: its job may never have been published (the process died in between).
      // Publishing it again under the same id is a no-op if it was.
      await enqueueAnswered(ctx, importId, nowDetails.queueAttempt ?? queueAttempt, { status: "NEEDS_CONFIRMATION", details: withoutAnswer(nowDetails) });
    }
    if (answered === scope && now?.status !== "DISCARDED") return { queued: false, scope };
    throw conflict(answered ? `This import was already applied as ${answered === "partial" ? "a partial list" : "your whole network"}.` : "This import is not waiting for a confirmation.");
  }
  if (opts.queue !== false) await enqueueAnswered(ctx, importId, queueAttempt, { status: "NEEDS_CONFIRMATION", details });
  return { queued: true, scope };
}

function numberChanged(wouldGo: number | undefined) {
  return conflict(`The number changed: it is now ${wouldGo ?? "unknown"}; reload and answer again.`);
}

function withoutAnswer(d: TImportDetails): TImportDetails {
  const { scope: _scope, confirmedWouldGo: _n, queueAttempt: _a, ...rest } = d;
  return rest;
}
