// The weekly digest's benchmark dataset: 1,000 teams × 10 members (10,000 digests a week), each
// team with two LinkedIn accounts of 150 connections, two ICPs with scores, an import this week
// (new people, job changes, people gone), open review items with votes, decisions and removal
// outcomes this week, tags (one with a keep-in-touch cadence), notes and reminders. Written
// set-based in SQL as the database owner in one transaction (fixture data, not imports), with
// deterministic ids ("dbench-…"), and kept between runs while its "this week" is still this week.
// Meant for its own database (BENCH_DIGEST_DATABASE_URL, default crm_h_digest_bench): the worker
// under measurement sweeps every team it can see.
import type pg from "pg";
import { ms } from "./util";

export const DIGEST_TEAMS = Number(process.env.BENCH_DIGEST_TEAMS ?? 1000);
export const MEMBERS = 10;
const PER_ACCOUNT = 150;
const PREFIX = "Digest Bench";
/** Rebuilt when older: the data's "this week" has to fall into the digests' week. */
const MAX_AGE_HOURS = 36;
/** Reminders the fan-out figure makes due at once (per team); far in the future until then. */
export const FANOUT_PER_TEAM = 3;
export const FANOUT_NOTE = "Bench fan-out: ask how the launch went";

const FIRST = ["Anna", "Jörg", "Maria", "Li", "Sofia", "Ahmed", "Chloé", "Mateo", "Priya", "Tom", "Olga", "Kwame", "Yuki", "Lucas", "Emma", "José", "Noah", "Mia", "Ravi", "Elena"];
const LAST = ["Schmidt", "García", "Nguyen", "Müller", "Rossi", "Kowalski", "Smith", "O'Brien", "Dubois", "Tanaka", "Silva", "Okafor", "Jensen", "Novak", "Haddad", "Kim"];
const COMPANIES = ["Acme GmbH", "Globex Ltd", "Initech Inc.", "Umbrella AG", "Hooli", "Stark Labs", "Wayne Group", "Vandelay SAS", "Pied Piper", "Cyberdyne Systems", "Tyrell Corporation", "Wonka Partners"];
const TITLES = ["VP Sales", "Head of Marketing", "Software Engineer", "Chief Executive Officer", "Account Executive", "Senior Product Manager", "Founder & CEO", "Data Scientist", "CFO", "Engineering Manager", "Recruiter", "Consultant"];
const SENIORITY = ["vp", "head", "senior", "c_level", "mid", "senior", "c_level", "mid", "c_level", "manager", "mid", "mid"];
const ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Europe/London", "Australia/Sydney"];

export type TDigestDataset = { teams: number; members: number; connections: number; builtAt: Date; buildMs: number | null };

/** Team t (1-based) of the dataset, zero-padded: ids, names and slugs derive from it. */
const TEAM_SQL = `SELECT t, lpad(t::text, 4, '0') AS n, 'dbench-t-' || lpad(t::text, 4, '0') AS id FROM generate_series(1, $1::int) t`;

async function existing(c: pg.Client): Promise<TDigestDataset | null> {
  const { rows } = await c.query<{ teams: number; members: number; connections: number; snapshots: number; built: Date | null }>(
    `SELECT count(*)::int AS teams,
            (SELECT count(*)::int FROM "Membership" m WHERE m."teamId" LIKE 'dbench-t-%') AS members,
            (SELECT count(*)::int FROM "Connection" x WHERE x."teamId" LIKE 'dbench-t-%') AS connections,
            (SELECT count(DISTINCT s."teamId")::int FROM "TeamStatsSnapshot" s WHERE s."teamId" LIKE 'dbench-t-%') AS snapshots,
            min("createdAt") AS built
       FROM "Team" WHERE id LIKE 'dbench-t-%'`,
  );
  const r = rows[0]!;
  if (!r.built || r.teams !== DIGEST_TEAMS || r.members !== DIGEST_TEAMS * MEMBERS || r.connections !== DIGEST_TEAMS * 2 * PER_ACCOUNT || r.snapshots !== DIGEST_TEAMS) return null;
  // Team.createdAt is backdated by 90 days at build time.
  const builtAt = new Date(r.built.getTime() + 90 * 86_400_000);
  if (Date.now() - builtAt.getTime() > MAX_AGE_HOURS * 3_600_000) return null;
  return { teams: r.teams, members: r.members, connections: r.connections, builtAt, buildMs: null };
}

/** The dataset, built (or rebuilt) when missing, incomplete or too old. */
export async function ensureDigestDataset(c: pg.Client): Promise<TDigestDataset> {
  const have = await existing(c);
  if (have) return have;
  console.log(`building the digest dataset: ${DIGEST_TEAMS} teams × ${MEMBERS} members, ${2 * PER_ACCOUNT} connections each (kept for later runs)…`);
  const t0 = performance.now();
  await c.query("BEGIN");
  try {
    await c.query(`DELETE FROM "Team" WHERE id LIKE 'dbench-t-%'`);
    await c.query(`DELETE FROM "User" WHERE id LIKE 'dbench-u-%'`);
    await c.query(`DELETE FROM "EmailOutbox" WHERE "teamId" LIKE 'dbench-t-%'`);
    await seedPeople(c);
    await seedNetwork(c);
    await seedActivity(c);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK");
    throw e;
  }
  for (const t of ["TeamStatsSnapshot", "User", "Team", "Membership", "NotificationPreference", "LinkedInAccount", "Import", "Connection", "ConnectionEvent", "IcpScore", "ReviewItem", "ReviewVote", "RemovalOutcome", "Reminder", "Notification", "Tag", "ConnectionTag", "Note"]) {
    await c.query(`ANALYZE "${t}"`);
  }
  const buildMs = performance.now() - t0;
  console.log(`  built in ${ms(buildMs)}`);
  const built = await existing(c);
  if (!built) throw new Error("digest dataset: incomplete after building it");
  return { ...built, buildMs };
}

/** Users, teams, memberships (owner, admin, 8 members), preferences, accounts, ICPs. */
async function seedPeople(c: pg.Client) {
  const p = [DIGEST_TEAMS, FIRST, LAST, ZONES];
  await c.query(
    `INSERT INTO "Team" (id, name, slug, "createdAt") SELECT id, '${PREFIX} ' || n, 'digest-bench-' || n, now() - interval '90 days' FROM (${TEAM_SQL}) x`,
    [DIGEST_TEAMS],
  );
  await c.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
     SELECT 'dbench-u-' || n || '-' || m, 'digest-' || n || '-' || m || '@bench.example.test',
            ($2::text[])[1 + (t * 7 + m) % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (t * 3 + m * 5) % array_length($3::text[], 1)],
            '!bench: no sign-in', now() - interval '90 days', now()
       FROM (${TEAM_SQL}) x, generate_series(1, ${MEMBERS}) m`,
    p.slice(0, 3),
  );
  await c.query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role, "createdAt")
     SELECT 'dbench-m-' || n || '-' || m, id, 'dbench-u-' || n || '-' || m,
            (CASE m WHEN 1 THEN 'OWNER' WHEN 2 THEN 'ADMIN' ELSE 'MEMBER' END)::"Role", now() - interval '60 days'
       FROM (${TEAM_SQL}) x, generate_series(1, ${MEMBERS}) m`,
    [DIGEST_TEAMS],
  );
  // Every third member keeps the default zone (their account's, else UTC); the slot is set per run.
  await c.query(
    `INSERT INTO "NotificationPreference" ("teamId", "userId", "timeZone", "digestEnabled", "updatedAt")
     SELECT id, 'dbench-u-' || n || '-' || m, CASE WHEN m % 3 = 0 THEN NULL ELSE ($2::text[])[1 + (t + m) % array_length($2::text[], 1)] END, false, now()
       FROM (${TEAM_SQL}) x, generate_series(1, ${MEMBERS}) m`,
    [DIGEST_TEAMS, ZONES],
  );
  // Accounts of the owner and of member 3.
  await c.query(
    `INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "createdAt", "updatedAt")
     SELECT 'dbench-a-' || n || '-' || a, id, 'dbench-u-' || n || '-' || CASE a WHEN 1 THEN 1 ELSE 3 END,
            CASE a WHEN 1 THEN 'Main' ELSE 'Sales' END, ($2::text[])[1 + (t + a) % array_length($2::text[], 1)], now() - interval '80 days', now()
       FROM (${TEAM_SQL}) x, generate_series(1, 2) a`,
    [DIGEST_TEAMS, ZONES],
  );
  await c.query(
    `INSERT INTO "Icp" (id, "teamId", name, definition, version, "scoredVersion", "rescoreProgress", "scoredAt", "createdById", "updatedAt")
     SELECT 'dbench-i-' || n || '-' || k, id, CASE k WHEN 1 THEN 'Leaders' ELSE 'Engineers' END, '{}', 1, 1, 100, now() - interval '1 day', 'dbench-u-' || n || '-1', now()
       FROM (${TEAM_SQL}) x, generate_series(1, 2) k`,
    [DIGEST_TEAMS],
  );
}

/** Imports (one a month ago, one this week per account), connections, events, scores, tags, notes. */
async function seedNetwork(c: pg.Client) {
  await c.query(
    `INSERT INTO "Import" (id, "teamId", "accountId", "uploadedById", "fileName", "byteSize", status, format, "rowsTotal", "newCount", "updatedCount",
                           "unchangedCount", "jobChangeCount", "goneCount", "createdAt", "startedAt", "finishedAt")
     SELECT 'dbench-im-' || n || '-' || a || '-' || w, id, 'dbench-a-' || n || '-' || a, 'dbench-u-' || n || '-' || CASE a WHEN 1 THEN 1 ELSE 3 END,
            'Connections.csv', 40000, 'COMPLETED', 'linkedin', ${PER_ACCOUNT}, CASE w WHEN 1 THEN ${PER_ACCOUNT} ELSE 8 END, 0, 0,
            CASE w WHEN 1 THEN 0 ELSE 3 END, CASE w WHEN 1 THEN 0 ELSE 2 END, at, at, at + interval '20 seconds'
       FROM (${TEAM_SQL}) x, generate_series(1, 2) a, generate_series(1, 2) w,
            LATERAL (SELECT CASE w WHEN 1 THEN now() - interval '30 days' ELSE now() - make_interval(hours => 20 + (t * 7 + a * 13) % 96) END AS at) s`,
    [DIGEST_TEAMS],
  );
  // Per account: people 1–8 are new this week, 9–11 changed jobs this week, 12–13 are gone.
  await c.query(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", company, position,
                               "connectedOn", status, "lastInteractionAt", "messageCount", "goneAt", "firstImportId", "jobChangedAt", seniority, "createdAt", "updatedAt")
     SELECT 'dbench-c-' || n || '-' || a || '-' || i, id, 'dbench-a-' || n || '-' || a, 'li:dbench-' || n || '-' || a || '-' || i,
            lower(fn || '|' || ln), 'https://www.linkedin.com/in/dbench-' || n || '-' || a || '-' || i, fn, ln, co, ti,
            CASE WHEN i <= 8 THEN (now() - interval '3 days')::date ELSE date '2020-01-01' + (i * 9 + t) % 2000 END,
            (CASE WHEN i IN (12, 13) THEN 'GONE' ELSE 'CONNECTED' END)::"ConnectionStatus",
            CASE WHEN h % 10 < 3 THEN now() - make_interval(days => h % 400) END, CASE WHEN h % 10 < 3 THEN 1 + h % 30 ELSE 0 END,
            CASE WHEN i IN (12, 13) THEN imp.iat END,
            CASE WHEN i <= 8 THEN imp.iid ELSE 'dbench-im-' || n || '-' || a || '-1' END,
            CASE WHEN i BETWEEN 9 AND 11 THEN imp.iat END, sen,
            CASE WHEN i <= 8 THEN imp.iat ELSE now() - interval '30 days' END, now()
       FROM (${TEAM_SQL}) x, generate_series(1, 2) a, generate_series(1, ${PER_ACCOUNT}) i,
            LATERAL (SELECT abs(hashint4(t * 1000 + a * 300 + i)) AS h) hh,
            LATERAL (SELECT ($2::text[])[1 + h % array_length($2::text[], 1)] AS fn, ($3::text[])[1 + (h / 7) % array_length($3::text[], 1)] AS ln,
                            ($4::text[])[1 + (h / 11) % array_length($4::text[], 1)] AS co, ($5::text[])[1 + (h / 13) % array_length($5::text[], 1)] AS ti,
                            ($6::text[])[1 + (h / 13) % array_length($6::text[], 1)] AS sen) v,
            LATERAL (SELECT 'dbench-im-' || n || '-' || a || '-2' AS iid, now() - make_interval(hours => 20 + (t * 7 + a * 13) % 96) AS iat) imp`,
    [DIGEST_TEAMS, FIRST, LAST, COMPANIES, TITLES, SENIORITY],
  );
  await c.query(
    `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind, data, "createdAt")
     SELECT 'dbench-e-' || c.id, c."teamId", c.id, 'dbench-im-' || substr(c."accountId", 10) || '-2', k::"ConnectionEventKind", d::jsonb,
            coalesce(c."jobChangedAt", c."goneAt", c."createdAt")
       FROM "Connection" c,
            LATERAL (SELECT CASE WHEN c."jobChangedAt" IS NOT NULL THEN 'JOB_CHANGED' WHEN c."goneAt" IS NOT NULL THEN 'GONE' ELSE 'IMPORTED' END AS k,
                            CASE WHEN c."jobChangedAt" IS NOT NULL THEN '{"from":{"company":"Initech Inc.","position":"Analyst"}}' ELSE '{}' END AS d) e
      WHERE c."teamId" LIKE 'dbench-t-%' AND (c."jobChangedAt" IS NOT NULL OR c."goneAt" IS NOT NULL OR c."firstImportId" LIKE '%-2')`,
  );
  await c.query(
    `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags, "scoredAt")
     SELECT c."teamId", 'dbench-i-' || substr(c."teamId", 10) || '-' || k, c.id, 1, s,
            CASE WHEN s >= 70 THEN 'strong' WHEN s >= 40 THEN 'partial' ELSE 'none' END, '[]', ARRAY[]::text[], now() - interval '1 day'
       FROM "Connection" c, generate_series(1, 2) k, LATERAL (SELECT abs(hashtext(c.id || k)) % 101 AS s) x
      WHERE c."teamId" LIKE 'dbench-t-%'`,
  );
  await c.query(
    `INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "cadenceDays", "createdById", "updatedAt")
     SELECT 'dbench-g-' || n || '-' || g, id, nm, lower(nm), (ARRAY['red','blue','green','amber'])[g], CASE g WHEN 1 THEN 90 END, 'dbench-u-' || n || '-1', now()
       FROM (${TEAM_SQL}) x, unnest(ARRAY['Key accounts','Prospect','Investor','Alumni']) WITH ORDINALITY AS u(nm, g)`,
    [DIGEST_TEAMS],
  );
  await c.query(
    `INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId")
     SELECT c."teamId", 'dbench-g-' || substr(c."teamId", 10) || '-' || (1 + h % 4), c.id
       FROM "Connection" c, LATERAL (SELECT abs(hashtext(c.id || 'tag')) AS h) x
      WHERE c."teamId" LIKE 'dbench-t-%' AND h % 5 = 0`,
  );
  await c.query(
    `INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "createdAt", "updatedAt")
     SELECT 'dbench-n-' || c.id, c."teamId", c.id, 'dbench-u-' || substr(c."teamId", 10) || '-' || (1 + h % ${MEMBERS}),
            'Met at a conference; ask about ' || c.company || '.', now() - make_interval(days => h % 20), now()
       FROM "Connection" c, LATERAL (SELECT abs(hashtext(c.id || 'note')) AS h) x
      WHERE c."teamId" LIKE 'dbench-t-%' AND h % 30 = 0`,
  );
}

/** Review items, votes, decisions and removal outcomes this week, reminders, notifications. */
async function seedActivity(c: pg.Client) {
  // Per account: 12 open remove items (people 20–31), 4 job-change items (9–11 + one), 3 follow-ups
  // (40–42), 4 removals approved this week (50–53) and 3 executed this week (60–62).
  await c.query(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, reason, "voteCount", decision, "decidedById", "decidedAt",
                               "executedAt", "closedAt", "createdAt", "updatedAt")
     SELECT 'dbench-r-' || n || '-' || a || '-' || i, id, 'dbench-c-' || n || '-' || a || '-' || i, 'dbench-a-' || n || '-' || a,
            kind::"ReviewKind", state::"ReviewState", ARRAY['no_icp_fit'], NULL, 0,
            CASE WHEN i >= 50 THEN 'REMOVE'::"ReviewChoice" END, CASE WHEN i >= 50 THEN 'dbench-u-' || n || '-' || (1 + i % 2) END,
            CASE WHEN i >= 50 THEN now() - make_interval(hours => 30 + i) END,
            CASE WHEN i >= 60 THEN now() - make_interval(hours => 10 + i) END, CASE WHEN i >= 60 THEN now() - make_interval(hours => 10 + i) END,
            now() - make_interval(days => 1 + i % 9), now()
       FROM (${TEAM_SQL}) x, generate_series(1, 2) a,
            LATERAL (SELECT i, CASE WHEN i BETWEEN 9 AND 12 THEN 'JOB_CHANGE' WHEN i BETWEEN 40 AND 42 THEN 'FOLLOW_UP' ELSE 'REMOVE' END AS kind,
                            CASE WHEN i >= 60 THEN 'DONE' WHEN i >= 50 THEN 'APPROVED' ELSE 'OPEN' END AS state
                       FROM (SELECT generate_series(9, 12) UNION ALL SELECT generate_series(20, 31) UNION ALL SELECT generate_series(40, 42)
                             UNION ALL SELECT generate_series(50, 53) UNION ALL SELECT generate_series(60, 62)) s(i)) k`,
    [DIGEST_TEAMS],
  );
  // Votes this week: members 2–6 on the open items of the first account, two each.
  await c.query(
    `INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "createdAt", "updatedAt")
     SELECT r.id || '-v' || m, r."teamId", r.id, 1, 'dbench-u-' || substr(r."teamId", 10) || '-' || m,
            (ARRAY['KEEP','REMOVE','REMOVE','FOLLOW_UP'])[1 + (m + length(r.id)) % 4]::"ReviewChoice", now() - make_interval(hours => 5 + m * 7), now()
       FROM "ReviewItem" r, generate_series(2, 6) m
      WHERE r."teamId" LIKE 'dbench-t-%' AND r.state = 'OPEN' AND r."accountId" LIKE '%-1' AND abs(hashtext(r.id || m)) % 5 < 2`,
  );
  await c.query(`UPDATE "ReviewItem" r SET "voteCount" = v.n FROM (SELECT "itemId", count(*)::int AS n FROM "ReviewVote" WHERE "teamId" LIKE 'dbench-t-%' GROUP BY 1) v WHERE r.id = v."itemId"`);
  await c.query(
    `INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt")
     SELECT 'dbench-o-' || r.id, r."teamId", r."accountId", r.id, r."connectionId", 'REMOVED', (r."executedAt")::date, true, r.id, a."ownerUserId", r."executedAt"
       FROM "ReviewItem" r JOIN "LinkedInAccount" a ON a.id = r."accountId"
      WHERE r."teamId" LIKE 'dbench-t-%' AND r.state = 'DONE'`,
  );
  await c.query(
    `UPDATE "Connection" x SET status = 'REMOVAL_PENDING' FROM "ReviewItem" r
      WHERE r."teamId" LIKE 'dbench-t-%' AND r.state = 'DONE' AND x.id = r."connectionId"`,
  );
  await c.query(
    `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, planned, "plannedAt", "updatedAt")
     SELECT "teamId", "accountId", "localDate", count(*)::int, count(*)::int + 2, min("createdAt"), now() FROM "RemovalOutcome"
      WHERE "teamId" LIKE 'dbench-t-%' GROUP BY 1, 2, 3`,
  );
  // Follow-up reminders of members 1–8 on people 70–77: overdue (notified), due this week
  // (notified), upcoming; one done. Then the fan-out's reminders, far ahead until the bench moves them.
  await c.query(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", note, "createdById", "notifiedAt", "doneAt", "closedReason", "createdAt", "updatedAt")
     SELECT 'dbench-rem-' || n || '-' || k, id, 'dbench-c-' || n || '-1-' || (69 + k), 'dbench-a-' || n || '-1', 'FOLLOW_UP', due,
            CASE WHEN k % 2 = 0 THEN 'Send the proposal' END, 'dbench-u-' || n || '-' || k,
            CASE WHEN due < now() THEN due END, CASE WHEN k = 8 THEN due END, CASE WHEN k = 8 THEN 'done' END, now() - interval '20 days', now()
       FROM (${TEAM_SQL}) x, generate_series(1, 8) k, LATERAL (SELECT now() + make_interval(days => k * 2 - 9) AS due) d`,
    [DIGEST_TEAMS],
  );
  await c.query(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", note, "createdById", "createdAt", "updatedAt")
     SELECT 'dbench-fan-' || n || '-' || k, id, 'dbench-c-' || n || '-2-' || (79 + k), 'dbench-a-' || n || '-2', 'FOLLOW_UP', now() + interval '300 days',
            $2, 'dbench-u-' || n || '-' || (2 + k), now() - interval '10 days', now()
       FROM (${TEAM_SQL}) x, generate_series(1, ${FANOUT_PER_TEAM}) k`,
    [DIGEST_TEAMS, FANOUT_NOTE],
  );
  // Keep-in-touch: an open cadence reminder per "Key accounts" person, due in the future.
  await c.query(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", "tagId", "cadenceOpenFor", "createdAt", "updatedAt")
     SELECT 'dbench-cad-' || ct."connectionId", ct."teamId", ct."connectionId", c."accountId", 'CADENCE', now() + make_interval(days => 5 + abs(hashtext(c.id)) % 80),
            ct."tagId", ct."connectionId", now() - interval '10 days', now()
       FROM "ConnectionTag" ct JOIN "Connection" c ON c.id = ct."connectionId"
      WHERE ct."teamId" LIKE 'dbench-t-%' AND ct."tagId" LIKE '%-1' AND c.status = 'CONNECTED'`,
  );
  // Last week's ICP fit figures (the shape compose-sql.ts's loadFit writes), so digests show a trend.
  await c.query(
    `INSERT INTO "TeamStatsSnapshot" ("teamId", "takenOn", data)
     SELECT s."teamId", current_date - 7, jsonb_build_object('icps', jsonb_agg(jsonb_build_object('id', i.id, 'name', i.name,
              'strong', s.strong - 3, 'partial', s.partial + 2, 'none', s.none + 1, 'total', s.total) ORDER BY i.name))
       FROM (SELECT x."teamId", x."icpId", count(*) FILTER (WHERE x.band = 'strong')::int AS strong, count(*) FILTER (WHERE x.band = 'partial')::int AS partial,
                    count(*) FILTER (WHERE x.band = 'none')::int AS none, count(*)::int AS total
               FROM "IcpScore" x WHERE x."teamId" LIKE 'dbench-t-%' GROUP BY 1, 2) s
       JOIN "Icp" i ON i.id = s."icpId"
      GROUP BY s."teamId"`,
  );
  // In-app notifications from earlier, already handled by the email pass.
  await c.query(
    `INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", "actorId", data, "createdAt", "mailState")
     SELECT 'dbench-nt-' || n || '-' || m, id, 'dbench-u-' || n || '-' || m, 'mention', 'dbench-r-' || n || '-1-20', 'dbench-u-' || n || '-1', '{}',
            now() - make_interval(hours => m * 5), 'none'
       FROM (${TEAM_SQL}) x, generate_series(1, ${MEMBERS}) m`,
    [DIGEST_TEAMS],
  );
}
