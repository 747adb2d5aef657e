import { bandForScore, classifyTitle, compileIcp, ZIcpDefinition, type TScoringConnection, type TScorer } from "@crm/scoring";
import { Prisma, type TTx } from "@crm/db";
import { INCOMING_SCORE_CAP, MAX_ICPS_SCORED } from "./constants";
import type { TInvitationFit } from "./list-input";

// Incoming invitations scored against the team's ICPs at read time, from what the export tells us
// (docs/decisions/0013): the message the inviter wrote (its words stand in for a title: "I lead
// sales at Acme" meets the keyword "sales") and, when the same person is a connection of another
// account of the team, that connection's position and company. Only met criteria are shown as
// reasons: the ones the export cannot answer (connection age, last message, email) are not the
// inviter's fault. Nothing met → "Not enough to score" (fit "none").

export type TIncomingFit = {
  band: TInvitationFit;
  score: number;
  icpName: string | null;
  /** Met criteria, e.g. "+50 title matches 'sales' (from their message)". */
  reasons: string[];
  basis: "connection" | "message" | "nothing";
  /** The teammate's connection the position/company came from. */
  knownAs: { position: string | null; company: string | null; accountLabel: string } | null;
};

export const NOT_ENOUGH_TO_SCORE = "Not enough to score";

export type TIncomingInput = { id: string; name: string; identityKey: string | null; message: string | null };

type TKnown = { identityKey: string; position: string | null; company: string | null; seniority: string | null; function: string | null; label: string };

const FIT_RANK: Record<TInvitationFit, number> = { strong: 3, partial: 2, weak: 1, none: 0 };
export const fitRank = (f: TInvitationFit) => FIT_RANK[f];

/** Scores at most INCOMING_SCORE_CAP invitations; `tx` is inside withTeam(teamId). */
export async function scoreIncoming(tx: TTx, teamId: string, accountId: string, rows: TIncomingInput[], now: Date): Promise<Map<string, TIncomingFit>> {
  const out = new Map<string, TIncomingFit>();
  const list = rows.slice(0, INCOMING_SCORE_CAP);
  if (list.length === 0) return out;
  const icps = await tx.icp.findMany({ where: { teamId }, orderBy: [{ name: "asc" }, { id: "asc" }], take: MAX_ICPS_SCORED, select: { name: true, definition: true } });
  const scorers: Array<{ name: string; score: TScorer }> = [];
  for (const i of icps) {
    const def = ZIcpDefinition.safeParse(i.definition);
    if (def.success) scorers.push({ name: i.name, score: compileIcp(def.data) });
  }
  const keys = [...new Set(list.map((r) => r.identityKey).filter((k): k is string => !!k))];
  const known = new Map<string, TKnown>();
  if (keys.length > 0) {
    // Another account's connection to the same person: the newest seen, one per person.
    const found = await tx.$queryRaw<TKnown[]>(Prisma.sql`
      SELECT DISTINCT ON (c."identityKey") c."identityKey", c.position, c.company, c.seniority, c.function, a.label
        FROM "Connection" c
        JOIN "LinkedInAccount" a ON a.id = c."accountId" AND a."teamId" = ${teamId}
       WHERE c."teamId" = ${teamId} AND c."identityKey" = ANY(${keys}::text[]) AND c."accountId" <> ${accountId}
         AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')
       ORDER BY c."identityKey", c."updatedAt" DESC, c.id
       LIMIT ${INCOMING_SCORE_CAP}`);
    for (const k of found) known.set(k.identityKey, k);
  }
  for (const r of list) out.set(r.id, fitOne(r, r.identityKey ? known.get(r.identityKey) : undefined, scorers, now));
  return out;
}

function fitOne(r: TIncomingInput, k: TKnown | undefined, scorers: Array<{ name: string; score: TScorer }>, now: Date): TIncomingFit {
  const message = r.message?.replace(/\s+/g, " ").trim().slice(0, 500) || null;
  const basis: TIncomingFit["basis"] = k && (k.position || k.company) ? "connection" : message ? "message" : "nothing";
  const knownAs = k ? { position: k.position, company: k.company, accountLabel: k.label } : null;
  const none: TIncomingFit = { band: "none", score: 0, icpName: null, reasons: [], basis, knownAs };
  if (basis === "nothing" || scorers.length === 0) return none;
  const title = basis === "connection" ? k!.position : message;
  const cls = basis === "connection" && k!.seniority ? { seniority: k!.seniority, function: k!.function ?? "other" } : classifyTitle(title);
  const [first, ...rest] = r.name.trim().split(/\s+/);
  const person: TScoringConnection = {
    id: r.id,
    firstName: first ?? "",
    lastName: rest.join(" "),
    position: title,
    company: basis === "connection" ? k!.company : null,
    email: null,
    connectedOn: null,
    lastInteractionAt: null,
    messageCount: 0,
    seniority: cls.seniority as TScoringConnection["seniority"],
    function: cls.function as TScoringConnection["function"],
    tags: [],
    endorsedMe: false,
    recommendedMe: false,
    jobChangedAt: null,
  };
  const source = basis === "connection" ? ` (from ${k!.label}’s connection)` : " (from their message)";
  let best: TIncomingFit = none;
  for (const s of scorers) {
    const result = s.score(person, now);
    // Only what was met (or held against them) explains an incoming fit.
    const reasons = result.reasons.filter((x) => x.points !== 0).map((x) => `${x.text}${source}`);
    const met = result.reasons.some((x) => x.points > 0);
    if (!met && reasons.length === 0) continue;
    const band: TInvitationFit = !met || result.band === "none" ? "weak" : bandForScore(result.score);
    const cand: TIncomingFit = { band, score: result.score, icpName: s.name, reasons, basis, knownAs };
    if (FIT_RANK[cand.band] > FIT_RANK[best.band] || (cand.band === best.band && cand.score > best.score)) best = cand;
  }
  return best;
}
