import { Prisma, withTeam, type TTx } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import {
  fillYears,
  functionMix,
  monthsBefore,
  scoreHistogram,
  seniorityMix,
  type TCategoryCount,
  type THistogramBucket,
  type TYearCount,
} from "./shape-insights";

// The network insights page: a few GROUP BY queries over the chosen accounts' CONNECTED people,
// in one team transaction (one consistent snapshot), shaped for charts. A network is at most
// 30,000 connections per account; every query is one scan of the team's rows.

export type TNetworkInsights = {
  /** The team's accounts (for the switcher), oldest first. */
  accounts: Array<{ id: string; label: string }>;
  /** The accounts the figures cover; null = every account of the team. */
  selectedAccountIds: string[] | null;
  totals: { connections: number; accounts: number; endorsedMe: number; recommendedMe: number };
  connectedPerYear: { years: TYearCount[]; unknownDate: number };
  seniority: TCategoryCount[];
  functions: TCategoryCount[];
  topCompanies: { companies: Array<{ name: string; count: number }>; distinct: number; withoutCompany: number };
  /** The team's ICPs (for the selector), oldest first. */
  icps: Array<{ id: string; name: string }>;
  /** Fit against the chosen ICP; null when the team has no ICP. */
  fit: {
    icpId: string;
    icpName: string;
    /** True while the ICP's latest version is still being scored. */
    rescoring: boolean;
    strong: number;
    partial: number;
    none: number;
    unscored: number;
    histogram: THistogramBucket[];
  } | null;
  activity: {
    asOf: Date;
    /** No message in the last 12 months, or never. */
    inactive: number;
    inactiveShare: number;
    within3Months: number;
    from3To12Months: number;
    over12Months: number;
    never: number;
  };
};

export const TOP_COMPANIES = 15;

type TSummaryRow = {
  connections: number;
  endorsedMe: number;
  recommendedMe: number;
  unknownDate: number;
  within3: number;
  within12: number;
  over12: number;
  never: number;
};

export async function getNetworkInsights(
  ctx: TTeamContext,
  opts: { accountIds?: string[]; icpId?: string; now?: Date } = {},
): Promise<TNetworkInsights> {
  const now = opts.now ?? new Date();
  const wanted = [...new Set(opts.accountIds ?? [])];
  return withTeam(ctx.teamId, async (tx) => {
    const accounts = await tx.linkedInAccount.findMany({ where: { teamId: ctx.teamId }, orderBy: { createdAt: "asc" }, select: { id: true, label: true } });
    const teamAccounts = new Set(accounts.map((a) => a.id));
    // Another team's account looks exactly like one that does not exist.
    if (wanted.some((id) => !teamAccounts.has(id))) throw notFound("This LinkedIn account");
    const icps = await tx.icp.findMany({ where: { teamId: ctx.teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true, version: true, scoredVersion: true } });
    const icp = opts.icpId ? icps.find((i) => i.id === opts.icpId) : icps[0];
    if (opts.icpId && !icp) throw notFound("This profile");

    const selected = wanted.length > 0 ? wanted : null;
    const scope = Prisma.sql`c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED'${selected ? Prisma.sql` AND c."accountId" IN (${Prisma.join(selected)})` : Prisma.empty}`;
    const summary = await summarize(tx, scope, now);
    const years = await tx.$queryRaw<Array<{ year: number; count: number }>>`
      SELECT extract(year FROM c."connectedOn")::int AS year, count(*)::int AS count
        FROM "Connection" c WHERE ${scope} AND c."connectedOn" IS NOT NULL GROUP BY 1`;
    const classes = await tx.$queryRaw<Array<{ seniority: string | null; function: string | null; count: number }>>`
      SELECT c.seniority, c.function, count(*)::int AS count FROM "Connection" c WHERE ${scope} GROUP BY 1, 2`;
    const companies = await topCompanies(tx, scope);
    const fit = icp ? await fitOf(tx, scope, ctx.teamId, icp, summary.connections) : null;

    const sum = (pick: "seniority" | "function") => {
      const m = new Map<string | null, number>();
      for (const r of classes) m.set(r[pick], (m.get(r[pick]) ?? 0) + r.count);
      return m;
    };
    const inactive = summary.over12 + summary.never;
    return {
      accounts,
      selectedAccountIds: selected,
      totals: { connections: summary.connections, accounts: selected?.length ?? accounts.length, endorsedMe: summary.endorsedMe, recommendedMe: summary.recommendedMe },
      connectedPerYear: { years: fillYears(years), unknownDate: summary.unknownDate },
      seniority: seniorityMix(sum("seniority")),
      functions: functionMix(sum("function")),
      topCompanies: { companies: companies.companies, distinct: companies.distinct, withoutCompany: summary.connections - companies.withCompany },
      icps: icps.map(({ id, name }) => ({ id, name })),
      fit,
      activity: {
        asOf: now,
        inactive,
        inactiveShare: summary.connections ? inactive / summary.connections : 0,
        within3Months: summary.within3,
        from3To12Months: summary.within12,
        over12Months: summary.over12,
        never: summary.never,
      },
    };
  });
}

/** Totals, unknown dates and the activity buckets in one scan. Cutoffs are UTC calendar months. */
async function summarize(tx: TTx, scope: Prisma.Sql, now: Date): Promise<TSummaryRow> {
  // lastInteractionAt is a UTC timestamp without zone: compare it with the cutoff's UTC wall time.
  const cut3 = Prisma.sql`(${monthsBefore(now, 3).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const cut12 = Prisma.sql`(${monthsBefore(now, 12).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [row] = await tx.$queryRaw<TSummaryRow[]>`
    SELECT count(*)::int AS connections,
           count(*) FILTER (WHERE c."endorsedMe")::int AS "endorsedMe",
           count(*) FILTER (WHERE c."recommendedMe")::int AS "recommendedMe",
           count(*) FILTER (WHERE c."connectedOn" IS NULL)::int AS "unknownDate",
           count(*) FILTER (WHERE c."lastInteractionAt" >= ${cut3})::int AS within3,
           count(*) FILTER (WHERE c."lastInteractionAt" < ${cut3} AND c."lastInteractionAt" >= ${cut12})::int AS within12,
           count(*) FILTER (WHERE c."lastInteractionAt" < ${cut12})::int AS over12,
           count(*) FILTER (WHERE c."lastInteractionAt" IS NULL)::int AS never
      FROM "Connection" c WHERE ${scope}`;
  return row!;
}

/**
 * Companies grouped case- and space-blind ("ACME  Corp" = "Acme Corp"), each shown with its most
 * common spelling (ties: alphabetical), largest first.
 */
async function topCompanies(tx: TTx, scope: Prisma.Sql) {
  const rows = await tx.$queryRaw<Array<{ name: string; count: number; distinct: number; withCompany: number }>>`
    WITH raw AS (
      SELECT c.company, count(*)::int AS n FROM "Connection" c WHERE ${scope} AND c.company IS NOT NULL GROUP BY 1
    ), spelled AS (
      -- Normalised once per distinct value, not once per person.
      SELECT regexp_replace(btrim(company), '\\s+', ' ', 'g') AS spelling, sum(n)::int AS n
        FROM raw WHERE btrim(company) <> '' GROUP BY 1
    ), grouped AS (
      SELECT lower(spelling) AS k, (array_agg(spelling ORDER BY n DESC, spelling))[1] AS name, sum(n)::int AS count
        FROM spelled GROUP BY 1
    )
    SELECT name, count, (count(*) OVER ())::int AS "distinct", (sum(count) OVER ())::int AS "withCompany"
      FROM grouped ORDER BY count DESC, name LIMIT ${TOP_COMPANIES}`;
  return {
    companies: rows.map(({ name, count }) => ({ name, count })),
    distinct: rows[0]?.distinct ?? 0,
    withCompany: rows[0]?.withCompany ?? 0,
  };
}

async function fitOf(tx: TTx, scope: Prisma.Sql, teamId: string, icp: { id: string; name: string; version: number; scoredVersion: number }, connections: number) {
  // Right after a large import or rescore the statistics still say the team has almost no rows,
  // and this join was then planned as a nested loop re-reading the team's rows for every score
  // (minutes on 30,000 people). A hash join is right at any size a team has: say so.
  await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
  const rows = await tx.$queryRaw<Array<{ band: string; bucket: number; count: number }>>`
    SELECT s.band, least(s.score / 10, 9)::int AS bucket, count(*)::int AS count
      FROM "Connection" c JOIN "IcpScore" s ON s."teamId" = ${teamId} AND s."icpId" = ${icp.id} AND s."connectionId" = c.id
     WHERE ${scope} GROUP BY 1, 2`;
  const bands = { strong: 0, partial: 0, none: 0 };
  const buckets = new Map<number, number>();
  for (const r of rows) {
    if (r.band in bands) bands[r.band as keyof typeof bands] += r.count;
    buckets.set(r.bucket, (buckets.get(r.bucket) ?? 0) + r.count);
  }
  const scored = rows.reduce((n, r) => n + r.count, 0);
  return {
    icpId: icp.id,
    icpName: icp.name,
    rescoring: icp.scoredVersion < icp.version,
    ...bands,
    unscored: connections - scored,
    histogram: scoreHistogram(buckets),
  };
}
