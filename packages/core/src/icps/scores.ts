import { withTeam } from "@crm/db";
import { FLAG_LABELS, type TFlagCode } from "@crm/scoring";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";

export type TScoredConnection = {
  connectionId: string;
  name: string;
  position: string | null;
  company: string | null;
  profileUrl: string | null;
  accountLabel: string;
  score: number;
  band: string;
  reasons: Array<{ criterion: string; points: number; text: string }>;
  flags: Array<{ code: string; label: string }>;
};

/** The ICP's scores, best first, for the scores table (keyset-paginated on score, id, both descending as indexed). */
export async function listScores(
  ctx: TTeamContext,
  icpId: string,
  opts: { band?: "strong" | "partial" | "none"; flag?: string; take?: number; after?: { score: number; connectionId: string } } = {},
): Promise<TScoredConnection[]> {
  const take = Math.min(opts.take ?? 50, 200);
  return withTeam(ctx.teamId, async (tx) => {
    if (!(await tx.icp.count({ where: { id: icpId, teamId: ctx.teamId } }))) throw notFound("This profile");
    const rows = await tx.icpScore.findMany({
      where: {
        teamId: ctx.teamId,
        icpId,
        ...(opts.band ? { band: opts.band } : {}),
        ...(opts.flag ? { flags: { has: opts.flag } } : {}),
        ...(opts.after
          ? { OR: [{ score: { lt: opts.after.score } }, { score: opts.after.score, connectionId: { lt: opts.after.connectionId } }] }
          : {}),
      },
      orderBy: [{ score: "desc" }, { connectionId: "desc" }],
      take,
      select: {
        score: true,
        band: true,
        reasons: true,
        flags: true,
        connection: { select: { id: true, firstName: true, lastName: true, position: true, company: true, profileUrl: true, account: { select: { label: true } } } },
      },
    });
    return rows.map((r) => ({
      connectionId: r.connection.id,
      name: `${r.connection.firstName} ${r.connection.lastName}`.trim(),
      position: r.connection.position,
      company: r.connection.company,
      profileUrl: r.connection.profileUrl,
      accountLabel: r.connection.account.label,
      score: r.score,
      band: r.band,
      reasons: r.reasons as TScoredConnection["reasons"],
      flags: r.flags.map((code) => ({ code, label: FLAG_LABELS[code as TFlagCode] ?? code })),
    }));
  });
}
