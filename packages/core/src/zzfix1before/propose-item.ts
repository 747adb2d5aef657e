import { Prisma, withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { targetIdsSql, type TBulkTarget } from "../connections/target";
import { conflict, invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { parseReason } from "./choice-input";
import { loadReadRules } from "./item-summary";
import { json, lastChangeOf } from "./review-write";

// A person proposes connections by hand (table, card): one item per connection and kind. A person
// already waiting is left as is; one whose item was settled (done, closed) is reopened with a new
// version (and a new round if it had votes). Only people still in the network are proposed.
// Removing an endorser, a recommender or someone with a protected tag loses something: that needs
// an explicit acknowledgement, and the loss is kept on the item for the card and the decider.

const KINDS: Record<string, "REMOVE" | "FOLLOW_UP"> = { remove: "REMOVE", follow_up: "FOLLOW_UP" };
const NAMED = 5;
const PROTECTED_LISTED = 100;

type TProtected = { connectionId: string; name: string; loss: string[] };

export async function proposeForReview(
  ctx: TTeamContext,
  input: { kind: string; target: TBulkTarget; reason?: string | null; acknowledgeProtected?: boolean },
): Promise<{ count: number; protected: TProtected[] }> {
  const kind = KINDS[typeof input.kind === "string" ? input.kind.trim().toLowerCase() : ""];
  if (!kind) throw invalid("kind", "Choose what to review them for: remove or follow_up.");
  const reason = parseReason(input.reason);
  return withTeam(ctx.teamId, async (tx) => {
    const target = await targetIdsSql(tx, ctx, input.target);
    const rules = await loadReadRules(tx, ctx.teamId);
    // Only a removal loses what a person gave; a follow-up keeps them.
    const prot =
      kind === "REMOVE"
        ? await tx.$queryRaw<Array<TProtected & { total: number }>>`
            SELECT c.id AS "connectionId", trim(c."firstName" || ' ' || c."lastName") AS name,
                   ${lossSql(rules.protectedTagIds)} AS loss,
                   count(*) OVER ()::int AS total
              FROM "Connection" c
             WHERE c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED' AND c.id IN (${target})
               AND (c."endorsedMe" OR c."recommendedMe" OR EXISTS (
                     SELECT 1 FROM "ConnectionTag" ct WHERE ct."teamId" = c."teamId" AND ct."connectionId" = c.id AND ct."tagId" = ANY(${rules.protectedTagIds}::text[])))
             ORDER BY c."lastName", c."firstName", c.id
             LIMIT ${PROTECTED_LISTED}`
        : [];
    const total = prot[0]?.total ?? 0;
    const protectedList = prot.map(({ connectionId, name, loss }) => ({ connectionId, name, loss }));
    if (total > 0 && input.acknowledgeProtected !== true) throw conflict(protectedMessage(protectedList, total), "acknowledgeProtected");
    const actor = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    const lastChange = lastChangeOf(ctx, actor?.name ?? "Someone", "proposed", null);
    const lossOf = kind === "REMOVE" && total > 0 ? lossSql(rules.protectedTagIds) : Prisma.sql`NULL::text[]`;
    const rows = await tx.$queryRaw<Array<{ id: string; connectionId: string; reopened: boolean }>>`
      INSERT INTO "ReviewItem" AS i (id, "teamId", "connectionId", "accountId", kind, origin, rules, reason, "addedById", "protectedLoss", "lastChange", "updatedAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, c.id, c."accountId", ${kind}::"ReviewKind", 'manual', ARRAY['manual'], ${reason}::text, ${ctx.userId},
             coalesce(${lossOf}, ARRAY[]::text[]), ${json(lastChange)}::jsonb, now()
        FROM "Connection" c
       WHERE c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED' AND c.id IN (${target})
      ON CONFLICT ("teamId", "connectionId", kind) DO UPDATE
         SET state = 'OPEN', origin = 'manual', rules = ARRAY['manual'], "ruleDetail" = '{}', reason = EXCLUDED.reason,
             "addedById" = EXCLUDED."addedById", "protectedLoss" = EXCLUDED."protectedLoss",
             round = i.round + CASE WHEN i."voteCount" > 0 THEN 1 ELSE 0 END, "voteCount" = 0,
             decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL, "snoozedUntil" = NULL,
             "keepUntil" = NULL, "closedReason" = NULL, "closedAt" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = EXCLUDED."lastChange", version = i.version + 1, "updatedAt" = now()
       WHERE i.state IN ('DONE', 'CLOSED')
      RETURNING i.id, i."connectionId", (i.version > 1) AS reopened`;
    if (rows.length) {
      // One history row per item, so the card shows who proposed it and why.
      await tx.$executeRaw`
        INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata)
        SELECT gen_random_uuid()::text, ${ctx.teamId}, ${ctx.userId}, 'review.proposed', 'review_item', r.id,
               jsonb_build_object('before', CASE WHEN r.reopened THEN 'settled' END, 'after', 'open', 'choice', ${kind.toLowerCase()}::text, 'reason', ${reason}::text,
                                  'kind', ${kind.toLowerCase()}::text, 'connectionId', r."connectionId", 'acknowledgedProtected', ${total > 0}::boolean)
          FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(id text, "connectionId" text, reopened boolean)`;
    }
    return { count: rows.length, protected: protectedList };
  }, { interactive: true });
}

/** What removing the connection `c` loses, as the card's sentences. */
function lossSql(protectedTagIds: string[]): Prisma.Sql {
  return Prisma.sql`
                   array_remove(ARRAY[
                     CASE WHEN c."endorsedMe" THEN 'Endorsed you' || CASE WHEN c."endorsementCount" > 0 THEN ' (' || c."endorsementCount" || CASE WHEN c."endorsementCount" = 1 THEN ' endorsement)' ELSE ' endorsements)' END ELSE '' END END,
                     CASE WHEN c."recommendedMe" THEN 'Recommended you' END
                   ] || ARRAY(SELECT 'Tagged “' || g.name || '” (protected)' FROM "ConnectionTag" ct JOIN "Tag" g ON g.id = ct."tagId" AND g."teamId" = ct."teamId"
                               WHERE ct."teamId" = c."teamId" AND ct."connectionId" = c.id AND g.id = ANY(${protectedTagIds}::text[]) ORDER BY g."nameKey"), NULL)`;
}

/** "Removing Ada Lovelace — Endorsed you (12 endorsements); Grace Hopper — Recommended you; and 3 more loses …" */
function protectedMessage(list: TProtected[], total: number): string {
  const named = list.slice(0, NAMED).map((p) => `${p.name} — ${p.loss.join(", ")}`);
  const more = total - named.length;
  const who = more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
  const them = total === 1 ? "this person is" : `these ${total} people are`;
  return `Removing ${who} loses what they gave you. Propose anyway if ${them} to be reviewed for removal all the same.`;
}
