import { withTeam, type TTx } from "@crm/db";
import { FLAG_LABELS, type TFlagCode, type TFunction, type TSeniority } from "@crm/scoring";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import type { TFit } from "./filter/types";
import { buildHistory, linkedInUrlFor, type THistoryEntry } from "./history";
import { notesOf, type TNote } from "./notes";
import type { TConnectionRow } from "./query/list";

// Everything the drawer and the connection page show, in one transaction with a fixed number of
// queries: the row as the table shows it, every ICP's score with its reasons, history and notes.

export type TConnectionScore = { icpId: string; icpName: string; score: number; fit: TFit; reasons: Array<{ text: string; points: number }>; flags: Array<{ code: string; label: string }> };

export type TConnectionDetail = TConnectionRow & {
  linkedInUrl: string;
  events: THistoryEntry[];
  notes: TNote[];
  scores: TConnectionScore[];
};

export const HISTORY_LIMIT = 100;
const flagsOf = (codes: string[]) => codes.map((code) => ({ code, label: FLAG_LABELS[code as TFlagCode] ?? code }));

export async function getConnection(ctx: TTeamContext, connectionId: string): Promise<TConnectionDetail> {
  return withTeam(ctx.teamId, (tx) => loadConnectionDetail(tx, ctx, connectionId));
}

/** getConnection inside the caller's withTeam transaction (the review card reads it with the item). */
export async function loadConnectionDetail(tx: TTx, ctx: TTeamContext, connectionId: string): Promise<TConnectionDetail> {
  // One relation at a time: Prisma loads an `include` tree's relations concurrently, and one
  // transaction's connection cannot run two queries at once (pg warns, and queues them anyway).
  const row = await tx.connection.findFirst({ where: { id: connectionId, teamId: ctx.teamId }, omit: { searchText: true } });
  if (!row) throw notFound("This connection");
  const where = { teamId: ctx.teamId, connectionId: row.id };
  const account = await tx.linkedInAccount.findFirstOrThrow({ where: { id: row.accountId, teamId: ctx.teamId }, select: { label: true } });
  const tags = await tx.connectionTag.findMany({ where, select: { tag: { select: { id: true, name: true, color: true, nameKey: true } } } });
  const events = await tx.connectionEvent.findMany({ where, orderBy: { createdAt: "desc" }, take: HISTORY_LIMIT, select: { id: true, kind: true, createdAt: true, data: true } });
  const reviewItems = await tx.reviewItem.findMany({ where, select: { id: true, kind: true, state: true, reason: true, updatedAt: true } });
  const scores = await tx.icpScore.findMany({ where, select: { icpId: true, score: true, band: true, reasons: true, flags: true, icp: { select: { name: true, createdAt: true } } } });
  const c = { ...row, account, tags, events, reviewItems, scores };
  return connectionDetailOf(c, await notesOf(tx, ctx, c.id));
}

/** The rows of one connection as loadConnectionDetail reads them (the review card reads the same in raw SQL). */
export type TConnectionDetailSource = {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  profileUrl: string | null;
  position: string | null;
  company: string | null;
  seniority: string | null;
  function: string | null;
  connectedOn: Date | null;
  lastInteractionAt: Date | null;
  messageCount: number;
  endorsedMe: boolean;
  endorsementCount: number;
  recommendedMe: boolean;
  status: TConnectionRow["status"];
  jobChangedAt: Date | null;
  createdAt: Date;
  account: { label: string };
  tags: Array<{ tag: { id: string; name: string; color: string; nameKey: string } }>;
  events: Array<{ id: string; kind: string; createdAt: Date; data: unknown }>;
  reviewItems: Array<{ id: string; kind: string; state: string; reason: string | null; updatedAt: Date }>;
  scores: Array<{ icpId: string; score: number; band: string; reasons: unknown; flags: string[]; icp: { name: string; createdAt: Date } }>;
};

export function connectionDetailOf(c: TConnectionDetailSource, notes: TNote[]): TConnectionDetail {
  const scores = [...c.scores].sort((a, b) => a.icp.createdAt.getTime() - b.icp.createdAt.getTime() || a.icpId.localeCompare(b.icpId));
  const primary = scores[0];
  const row: TConnectionRow = {
    id: c.id,
    accountId: c.accountId,
    accountLabel: c.account.label,
    firstName: c.firstName,
    lastName: c.lastName,
    name: `${c.firstName} ${c.lastName}`.trim(),
    email: c.email,
    profileUrl: c.profileUrl,
    position: c.position,
    company: c.company,
    seniority: c.seniority as TSeniority | null,
    function: c.function as TFunction | null,
    connectedOn: c.connectedOn ? c.connectedOn.toISOString().slice(0, 10) : null,
    lastInteractionAt: c.lastInteractionAt?.toISOString() ?? null,
    messageCount: c.messageCount,
    endorsedMe: c.endorsedMe,
    endorsementCount: c.endorsementCount,
    recommendedMe: c.recommendedMe,
    status: c.status,
    jobChangedAt: c.jobChangedAt?.toISOString() ?? null,
    tags: c.tags.map((t) => t.tag).sort((a, b) => a.nameKey.localeCompare(b.nameKey)).map(({ id, name, color }) => ({ id, name, color })),
    score: primary?.score ?? null,
    fit: (primary?.band as TFit | undefined) ?? null,
    flags: flagsOf(primary?.flags ?? []),
  };
  return {
    ...row,
    linkedInUrl: linkedInUrlFor(c),
    events: buildHistory({ events: c.events, reviews: c.reviewItems.map(({ state, ...r }) => ({ ...r, status: state })), firstSeenAt: c.createdAt }),
    notes,
    scores: scores.map((s) => ({
      icpId: s.icpId,
      icpName: s.icp.name,
      score: s.score,
      fit: s.band as TFit,
      reasons: (s.reasons as Array<{ text: string; points: number }>).map(({ text, points }) => ({ text, points })),
      flags: flagsOf(s.flags),
    })),
  };
}
