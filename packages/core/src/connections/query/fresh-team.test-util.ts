import type pg from "pg";

// A network written set-based as the database owner, the way an import leaves it: connections with
// every filterable field varied, tags on some, ICP scores on all. Used to build "a fresh team on a
// database of other teams" with the statistics an import leaves behind (see fresh-team tests).

const FIRST = ["Anna", "Jörg", "Maria", "Li", "Sofia", "Ahmed", "Chloé", "Mateo", "Priya", "Tom", "Olga", "Kwame"];
const LAST = ["Schmidt", "García", "Nguyen", "Müller", "Rossi", "O'Brien", "Dubois", "Tanaka", "Weber", "Smith"];
const COMPANIES = ["Acme Corporation", "Globex GmbH", "Initech Ltd", "Umbrella Inc.", "Hooli Labs", "Stark Group", "Wayne Systems", "Soylent AG"];
const TITLES = ["VP Sales", "Head of Marketing", "Software Engineer", "Chief Executive Officer", "Recruiter", "Geschäftsführer", "Data Scientist", "Consultant"];
const SENIORITY = ["vp", "head", "ic", "c_level", "ic", "c_level", "ic", "unknown"];
const FUNCTION = ["sales", "marketing", "engineering", "other", "hr_recruiting", "other", "engineering", "consulting"];

export async function seedNetwork(c: pg.Client, t: { teamId: string; accountId: string; icpId: string; tagIds: string[] }, rows: number, seed: number): Promise<void> {
  await c.query(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", company, position,
                               "connectedOn", status, "endorsedMe", "endorsementCount", "recommendedMe", "lastInteractionAt", "messageCount",
                               seniority, function, "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, 'li:n-' || i, lower(fn || '|' || ln), 'https://www.linkedin.com/in/n-' || i, fn, ln, co, ti,
            date '2026-11-01' - (i * 0.15)::int, CASE WHEN h % 50 = 0 THEN 'GONE'::"ConnectionStatus" ELSE 'CONNECTED' END,
            h % 20 = 0, CASE WHEN h % 20 = 0 THEN 1 + h % 5 ELSE 0 END, h % 97 = 0,
            CASE WHEN h % 10 < 3 THEN now() - make_interval(days => h % 900) END, CASE WHEN h % 10 < 3 THEN 1 + h % 40 ELSE 0 END,
            ($7::text[])[k], ($8::text[])[k], now()
       FROM (SELECT i, h, ($3::text[])[1 + h % array_length($3::text[], 1)] AS fn, ($4::text[])[1 + (h / 7) % array_length($4::text[], 1)] AS ln,
                    ($5::text[])[1 + (h / 11) % array_length($5::text[], 1)] AS co, 1 + (h / 13) % array_length($6::text[], 1) AS k,
                    ($6::text[])[1 + (h / 13) % array_length($6::text[], 1)] AS ti
               FROM (SELECT i, abs(hashint4(i + $9::int * 1000003)) AS h FROM generate_series(1, $10::int) i) g) x`,
    [t.teamId, t.accountId, FIRST, LAST, COMPANIES, TITLES, SENIORITY, FUNCTION, seed, rows],
  );
  await c.query(
    `INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId")
     SELECT $1, ($2::text[])[1 + h % array_length($2::text[], 1)], id
       FROM (SELECT id, abs(hashint4(hashtext(id))) AS h FROM "Connection" WHERE "teamId" = $1) c WHERE h % 10 < 4`,
    [t.teamId, t.tagIds],
  );
  await c.query(
    `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags)
     SELECT $1, $2, id, 1, s, CASE WHEN s >= 70 THEN 'strong' WHEN s >= 40 THEN 'partial' ELSE 'none' END, '[]',
            CASE WHEN s % 17 = 0 THEN ARRAY['recruiter'] WHEN s % 23 = 0 THEN ARRAY['stale'] ELSE ARRAY[]::text[] END
       FROM (SELECT id, abs(hashtext(id || 'score')) % 101 AS s FROM "Connection" WHERE "teamId" = $1) x`,
    [t.teamId, t.icpId],
  );
}
