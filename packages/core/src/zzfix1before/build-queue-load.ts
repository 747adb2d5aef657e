import type { TSqlClient } from "@crm/db";
import { computeFlags, SENIORITIES, FUNCTIONS, type TFunction, type TScoringConnection, type TSeniority } from "@crm/scoring";
import { parseStoredRules, type TBand, type TQueueCandidate, type TQueueRules } from "./queue-rules";

// What the queue rules read, loaded in a handful of set-based queries (no per-row round trips):
// the scope's connected people, their scores under every scored ICP, the protected tags they carry,
// and the job changes of each account's latest completed import. Timestamps are read as UTC
// (the columns are `timestamp without time zone` holding UTC, as Prisma writes them).

export type TBuildScope = { teamId: string; accountId: string | null };
export type TLoadedCandidate = TQueueCandidate & { id: string; accountId: string };

const SEN = new Set<string>(SENIORITIES);
const FUN = new Set<string>(FUNCTIONS);
// Flags whose text does not depend on an ICP: computed without one, for the sentence on the card.
const TEXT_FLAGS = ["open_networker", "recruiter", "student"];

export async function loadRules(client: TSqlClient, teamId: string): Promise<TQueueRules> {
  const { rows } = await client.query<{ rules: unknown }>(`SELECT rules FROM "QueueSettings" WHERE "teamId" = $1`, [teamId]);
  return parseStoredRules(rows[0]?.rules);
}

type TConnRow = {
  id: string;
  firstName: string;
  lastName: string;
  position: string | null;
  company: string | null;
  email: string | null;
  connectedOn: string | null;
  lastInteractionAt: Date | null;
  messageCount: number;
  seniority: string | null;
  function: string | null;
  endorsedMe: boolean;
  recommendedMe: boolean;
  jobChangedAt: Date | null;
};

export async function loadCandidates(client: TSqlClient, scope: TBuildScope, rules: TQueueRules, now: Date): Promise<Map<string, TLoadedCandidate>> {
  const p = [scope.teamId, scope.accountId];
  const icps = await client.query<{ id: string; name: string }>(
    `SELECT id, name FROM "Icp" WHERE "teamId" = $1 AND "scoredVersion" > 0 ORDER BY "createdAt", id`,
    [scope.teamId],
  );
  // One narrow row per person; their scores come along as one text ("icpId score band flag,flag;…"):
  // parsing a string (and a number for a time) is far cheaper than arrays and dates in the driver.
  const conns = await client.query<TMainRow>(
    `SELECT c.id, c."accountId" AS a, c.position, c.company, to_char(c."connectedOn", 'YYYY-MM-DD') AS d,
            (extract(epoch FROM c."lastInteractionAt") * 1000)::float8 AS li,
            c."endorsedMe" AS e, c."endorsementCount" AS ec, c."recommendedMe" AS r, sc.s
       FROM "Connection" c
       LEFT JOIN (SELECT s."connectionId", string_agg(s."icpId" || ' ' || s.score || ' ' || s.band || ' ' || array_to_string(s.flags, ','), ';') AS s
                    FROM "IcpScore" s WHERE s."teamId" = $1 AND $3::boolean GROUP BY s."connectionId") sc ON sc."connectionId" = c.id
      WHERE c."teamId" = $1 AND c.status = 'CONNECTED' AND ($2::text IS NULL OR c."accountId" = $2)`,
    [...p, icps.rows.length > 0],
  );
  const tags = rules.protectedTagIds.length === 0 ? { rows: [] } : await client.query<{ id: string; tagId: string; name: string }>(
    `SELECT ct."connectionId" AS id, t.id AS "tagId", t.name
       FROM "ConnectionTag" ct JOIN "Tag" t ON t.id = ct."tagId" AND t."teamId" = ct."teamId"
      WHERE ct."teamId" = $1 AND ct."tagId" = ANY($2::text[])`,
    [scope.teamId, rules.protectedTagIds],
  );
  const changes = await loadJobChanges(client, scope);

  const icpIndex = new Map(icps.rows.map((r, i) => [r.id, i]));
  const tagsById = new Map<string, Array<{ id: string; name: string }>>();
  for (const t of tags.rows) {
    const list = tagsById.get(t.id) ?? [];
    list.push({ id: t.tagId, name: t.name });
    tagsById.set(t.id, list);
  }

  const out = new Map<string, TLoadedCandidate>();
  const needFlags: string[] = [];
  for (const c of conns.rows) {
    const perIcp: TQueueCandidate["scores"] = icps.rows.map((i) => ({ icpName: i.name, score: null, band: null, flags: [] }));
    let anyScore = false;
    let strong = false;
    let textFlag = false;
    if (c.s) {
      for (const part of c.s.split(";")) {
        const [icpId, score, band, flags] = part.split(" ");
        const at = icpIndex.get(icpId!);
        if (at === undefined) continue;
        const codes = flags ? flags.split(",") : [];
        perIcp[at] = { icpName: icps.rows[at]!.name, score: Number(score), band: band as TBand, flags: codes };
        anyScore = true;
        strong ||= band === "strong";
        textFlag ||= codes.some((f) => TEXT_FLAGS.includes(f) && rules.flags[f as keyof TQueueRules["flags"]]);
      }
    }
    // Without a score the flags are computed here, as the scorer would without an ICP; with one,
    // only people a flag rule may propose are run again, for the sentence on the card.
    if (!anyScore || (textFlag && !strong)) needFlags.push(c.id);
    out.set(c.id, {
      id: c.id,
      accountId: c.a,
      connected: true,
      position: c.position,
      company: c.company,
      connectedOn: c.d,
      lastInteractionAt: c.li === null ? null : new Date(c.li),
      endorsedMe: c.e,
      endorsementCount: c.ec,
      recommendedMe: c.r,
      tags: tagsById.get(c.id) ?? [],
      scores: perIcp,
      flagTexts: {},
      unscoredFlags: [],
      jobChange: changes.get(c.id) ?? null,
    });
  }
  if (needFlags.length) {
    // Everyone (no ICP yet): by scope; a few: by id.
    const all = needFlags.length === conns.rows.length;
    const extra = await client.query<TConnRow>(
      `SELECT c.id, c."firstName", c."lastName", c.position, c.company, c.email, to_char(c."connectedOn", 'YYYY-MM-DD') AS "connectedOn",
              c."lastInteractionAt" AT TIME ZONE 'UTC' AS "lastInteractionAt", c."messageCount", c.seniority, c.function,
              c."endorsedMe", c."recommendedMe", c."jobChangedAt" AT TIME ZONE 'UTC' AS "jobChangedAt"
         FROM "Connection" c
        WHERE c."teamId" = $1 AND c.status = 'CONNECTED' AND ${all ? `($2::text IS NULL OR c."accountId" = $2)` : `c.id = ANY($2::text[])`}`,
      [scope.teamId, all ? scope.accountId : needFlags],
    );
    for (const row of extra.rows) {
      const cand = out.get(row.id);
      if (!cand) continue;
      const computed = computeFlags(toScoring(row), null, now);
      for (const f of computed) cand.flagTexts[f.code] = f.text;
      if (!cand.scores.some((x) => x.score !== null)) cand.unscoredFlags = computed.map((f) => f.code);
    }
  }
  return out;
}

type TMainRow = { id: string; a: string; position: string | null; company: string | null; d: string | null; li: number | null; e: boolean; ec: number; r: boolean; s: string | null };

function toScoring(c: TConnRow): TScoringConnection {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    position: c.position,
    company: c.company,
    email: c.email,
    connectedOn: c.connectedOn,
    lastInteractionAt: c.lastInteractionAt,
    messageCount: c.messageCount,
    seniority: (c.seniority && SEN.has(c.seniority) ? c.seniority : "unknown") as TSeniority,
    function: (c.function && FUN.has(c.function) ? c.function : "other") as TFunction,
    tags: [],
    endorsedMe: c.endorsedMe,
    recommendedMe: c.recommendedMe,
    jobChangedAt: c.jobChangedAt,
  };
}

type TSide = { company: string | null; position: string | null };

/**
 * Job changes seen by each account's latest completed import: its JOB_CHANGED events. The event
 * names its import exactly, where `jobChangedAt` is only a time (and a re-run of the same file
 * keeps it), so the event is what "the latest import saw" means.
 */
async function loadJobChanges(client: TSqlClient, scope: TBuildScope): Promise<Map<string, NonNullable<TQueueCandidate["jobChange"]>>> {
  const latest = await client.query<{ id: string }>(
    `SELECT DISTINCT ON ("accountId") id FROM "Import"
      WHERE "teamId" = $1 AND status = 'COMPLETED' AND ($2::text IS NULL OR "accountId" = $2)
      ORDER BY "accountId", "finishedAt" DESC NULLS LAST, "createdAt" DESC, id DESC`,
    [scope.teamId, scope.accountId],
  );
  const out = new Map<string, NonNullable<TQueueCandidate["jobChange"]>>();
  if (latest.rows.length === 0) return out;
  const { rows } = await client.query<{ id: string; data: { from?: Partial<TSide>; to?: Partial<TSide> }; at: Date }>(
    `SELECT e."connectionId" AS id, e.data, e."createdAt" AT TIME ZONE 'UTC' AS at FROM "ConnectionEvent" e
      WHERE e."teamId" = $1 AND e."importId" = ANY($2::text[]) AND e.kind = 'JOB_CHANGED'`,
    [scope.teamId, latest.rows.map((r) => r.id)],
  );
  const side = (s: Partial<TSide> | undefined): TSide => ({ company: s?.company ?? null, position: s?.position ?? null });
  for (const r of rows) out.set(r.id, { at: r.at, from: side(r.data.from), to: side(r.data.to) });
  return out;
}
