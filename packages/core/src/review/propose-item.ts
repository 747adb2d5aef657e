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
// version (and a new round if it had votes or a decision). Only people still in the network are
// proposed. Removing an endorser, a recommender or someone with a protected tag loses something:
// that needs an explicit acknowledgement, and the loss is kept on the item for the card and the
// decider. A decision still in force (a Keep before its keepUntil, an approval not yet executed, a
// snooze) is the owner's: reopening it needs its own acknowledgement (`reopenDecided`), naming who
// decided what; the old round's decision and votes stay in history. Executed items are never touched.

const KINDS: Record<string, "REMOVE" | "FOLLOW_UP"> = { remove: "REMOVE", follow_up: "FOLLOW_UP" };
const NAMED = 5;
const PROTECTED_LISTED = 100;

type TProtected = { connectionId: string; name: string; loss: string[] };
type TDecided = { name: string; state: string; decider: string | null; decidedAt: string | null; keepUntil: string | null; snoozedUntil: string | null; total: number };

/** A decision still in force: an approval not executed yet, a snooze, a Keep before its date. */
const IN_FORCE = Prisma.sql`(i.state IN ('APPROVED', 'SNOOZED') OR (i.state = 'DONE' AND i."keepUntil" IS NOT NULL AND i."keepUntil" > (now() AT TIME ZONE 'UTC')))`;

export async function proposeForReview(
  ctx: TTeamContext,
  input: { kind: string; target: TBulkTarget; reason?: string | null; acknowledgeProtected?: boolean; reopenDecided?: boolean },
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
    const reopen = input.reopenDecided === true;
    if (!reopen) {
      const decided = await tx.$queryRaw<TDecided[]>`
        SELECT trim(c."firstName" || ' ' || c."lastName") AS name, i.state::text AS state, u.name AS decider,
               to_char(i."decidedAt", 'YYYY-MM-DD') AS "decidedAt", to_char(i."keepUntil", 'YYYY-MM-DD') AS "keepUntil",
               to_char(i."snoozedUntil", 'YYYY-MM-DD') AS "snoozedUntil", count(*) OVER ()::int AS total
          FROM "ReviewItem" i
          JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId"
          LEFT JOIN "User" u ON u.id = i."decidedById"
         WHERE i."teamId" = ${ctx.teamId} AND i.kind = ${kind}::"ReviewKind" AND i."executedAt" IS NULL AND ${IN_FORCE}
           AND c.status = 'CONNECTED' AND i."connectionId" IN (${target})
         ORDER BY c."lastName", c."firstName", c.id
         LIMIT ${NAMED}`;
      if (decided.length) throw conflict(decidedMessage(decided), "reopenDecided");
    }
    const actor = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    const lastChange = lastChangeOf(ctx, actor?.name ?? "Someone", "proposed", null);
    const lossOf = kind === "REMOVE" && total > 0 ? lossSql(rules.protectedTagIds) : Prisma.sql`NULL::text[]`;
    // `prev` is the statement's snapshot of the items before it writes: the audit row says what was reopened.
    const rows = await tx.$queryRaw<Array<{ id: string; connectionId: string; before: string | null; decision: string | null; round: number; inForce: boolean }>>`
      WITH prev AS (
        SELECT i.id, i.state::text AS state, i.decision::text AS decision, ${IN_FORCE} AS "inForce" FROM "ReviewItem" i
         WHERE i."teamId" = ${ctx.teamId} AND i.kind = ${kind}::"ReviewKind" AND i."connectionId" IN (${target})
      ), ins AS (
      INSERT INTO "ReviewItem" AS i (id, "teamId", "connectionId", "accountId", kind, origin, rules, reason, "addedById", "protectedLoss", "lastChange", "updatedAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, c.id, c."accountId", ${kind}::"ReviewKind", 'manual', ARRAY['manual'], ${reason}::text, ${ctx.userId},
             coalesce(${lossOf}, ARRAY[]::text[]), ${json(lastChange)}::jsonb, now()
        FROM "Connection" c
       WHERE c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED' AND c.id IN (${target})
      ON CONFLICT ("teamId", "connectionId", kind) DO UPDATE
         SET state = 'OPEN', origin = 'manual', rules = ARRAY['manual'], "ruleDetail" = '{}', reason = EXCLUDED.reason,
             "addedById" = EXCLUDED."addedById", "protectedLoss" = EXCLUDED."protectedLoss",
             round = i.round + CASE WHEN i."voteCount" > 0 OR i.decision IS NOT NULL THEN 1 ELSE 0 END, "voteCount" = 0,
             decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL, "snoozedUntil" = NULL,
             "keepUntil" = NULL, "closedReason" = NULL, "closedAt" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = EXCLUDED."lastChange", version = i.version + 1, "updatedAt" = now()
       WHERE i."executedAt" IS NULL
         AND ((i.state IN ('DONE', 'CLOSED') AND NOT ${IN_FORCE}) OR (${reopen}::boolean AND ${IN_FORCE}))
      RETURNING i.id, i."connectionId", i.round
      )
      SELECT ins.id, ins."connectionId", ins.round, prev.state AS before, prev.decision, coalesce(prev."inForce", false) AS "inForce"
        FROM ins LEFT JOIN prev ON prev.id = ins.id`;
    if (rows.length) {
      // One history row per item, so the card shows who proposed it and why.
      await tx.$executeRaw`
        INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata)
        SELECT gen_random_uuid()::text, ${ctx.teamId}, ${ctx.userId}, 'review.proposed', 'review_item', r.id,
               jsonb_build_object('before', CASE WHEN r.before IS NOT NULL THEN 'settled' END, 'after', 'open', 'choice', ${kind.toLowerCase()}::text, 'reason', ${reason}::text,
                                  'kind', ${kind.toLowerCase()}::text, 'connectionId', r."connectionId", 'acknowledgedProtected', ${total > 0}::boolean,
                                  'beforeState', r.before, 'beforeDecision', r.decision, 'round', r.round,
                                  'reopenedDecided', r."inForce")
          FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r(id text, "connectionId" text, before text, decision text, round int, "inForce" boolean)`;
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

const DECIDED_WORDS: Record<string, string> = { APPROVED: "Approved for removal", SNOOZED: "Snoozed", DONE: "Kept" };

/** "Ada Lovelace — Kept by Ana on 2026-12-05 until 2027-06-05; … Propose again anyway to reopen …" */
function decidedMessage(list: TDecided[]): string {
  const total = list[0]?.total ?? list.length;
  const named = list.map((d) => {
    const by = d.decider ? ` by ${d.decider}` : "";
    const on = d.decidedAt ? ` on ${d.decidedAt}` : "";
    const until = d.state === "DONE" ? d.keepUntil : d.state === "SNOOZED" ? d.snoozedUntil : null;
    return `${d.name} — ${DECIDED_WORDS[d.state] ?? "Decided"}${by}${on}${until ? ` until ${until}` : ""}`;
  });
  const more = total - named.length;
  const who = more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
  const it = total === 1 ? "this decision" : `these ${total} decisions`;
  return `Already decided: ${who}. Propose again anyway to reopen ${it} for a new round (the decision stays in the history).`;
}

/** "Removing Ada Lovelace — Endorsed you (12 endorsements); Grace Hopper — Recommended you; and 3 more loses …" */
function protectedMessage(list: TProtected[], total: number): string {
  const named = list.slice(0, NAMED).map((p) => `${p.name} — ${p.loss.join(", ")}`);
  const more = total - named.length;
  const who = more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
  const them = total === 1 ? "this person is" : `these ${total} people are`;
  return `Removing ${who} loses what they gave you. Propose anyway if ${them} to be reviewed for removal all the same.`;
}
