-- Reminders, notification emails and the weekly digest (docs/decisions/0012).

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('FOLLOW_UP', 'CADENCE');

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN "teamId" TEXT,
ADD COLUMN "kind" TEXT,
ADD COLUMN "headers" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "failedAt" TIMESTAMP(3);

-- Account zones in Postgres' own spelling (Intl accepted "europe/berlin"; the SQL that plans days
-- and finds due digests compares names exactly). accounts.ts stores new ones that way.
ALTER TABLE "LinkedInAccount" NO FORCE ROW LEVEL SECURITY;
UPDATE "LinkedInAccount" a SET "timeZone" = z.name
  FROM (SELECT DISTINCT ON (lower(name)) name FROM pg_timezone_names ORDER BY lower(name), name) z
 WHERE lower(a."timeZone") = lower(z.name) AND a."timeZone" <> z.name
   AND NOT EXISTS (SELECT 1 FROM pg_timezone_names k WHERE k.name = a."timeZone");
ALTER TABLE "LinkedInAccount" FORCE ROW LEVEL SECURITY;

-- AlterTable
ALTER TABLE "Tag" ADD COLUMN "cadenceDays" INTEGER;
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_cadenceDays_check" CHECK ("cadenceDays" IS NULL OR "cadenceDays" BETWEEN 1 AND 3650);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "mailState" TEXT;
-- Notifications written before this release were never meant for email. (The tables FORCE
-- row-level security, which binds an owner that is not a superuser too: lifted for the backfill,
-- inside this migration's transaction.)
ALTER TABLE "Notification" NO FORCE ROW LEVEL SECURITY;
UPDATE "Notification" SET "mailState" = 'none';
ALTER TABLE "Notification" FORCE ROW LEVEL SECURITY;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_mailState_check"
  CHECK ("mailState" IS NULL OR "mailState" IN ('instant', 'daily', 'summarized', 'none'));

-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN "kind" "ReminderKind" NOT NULL DEFAULT 'FOLLOW_UP',
ADD COLUMN "tagId" TEXT,
ADD COLUMN "closedReason" TEXT,
ADD COLUMN "closedById" TEXT,
ADD COLUMN "notifiedAt" TIMESTAMP(3),
ADD COLUMN "cadenceOpenFor" TEXT;
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_closedReason_check"
  CHECK ("closedReason" IS NULL OR "closedReason" IN ('done', 'messaged', 'untagged', 'gone', 'cancelled'));
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_note_length_check" CHECK (char_length("note") <= 2000);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "timeZone" TEXT,
    "digestWeekday" INTEGER NOT NULL DEFAULT 1,
    "digestHour" INTEGER NOT NULL DEFAULT 8,
    "digestEnabled" BOOLEAN NOT NULL DEFAULT true,
    "quietWeekNote" BOOLEAN NOT NULL DEFAULT false,
    "emailModes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("teamId","userId"),
    CONSTRAINT "NotificationPreference_digest_check" CHECK ("digestWeekday" BETWEEN 1 AND 7 AND "digestHour" BETWEEN 0 AND 23),
    CONSTRAINT "NotificationPreference_timeZone_check" CHECK ("timeZone" IS NULL OR char_length("timeZone") <= 64)
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "outboxId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "DigestRun_kind_check" CHECK ("kind" IN ('weekly', 'daily')),
    CONSTRAINT "DigestRun_status_check" CHECK ("status" IN ('sent', 'quiet', 'empty', 'unsubscribed'))
);

-- CreateTable
CREATE TABLE "TeamStatsSnapshot" (
    "teamId" TEXT NOT NULL,
    "takenOn" DATE NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamStatsSnapshot_pkey" PRIMARY KEY ("teamId","takenOn")
);

-- CreateIndex
CREATE INDEX "EmailOutbox_teamId_createdAt_idx" ON "EmailOutbox"("teamId", "createdAt") WHERE "teamId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt") WHERE "mailState" IS NULL;

-- CreateIndex
CREATE INDEX "Notification_teamId_mailState_idx" ON "Notification"("teamId", "mailState") WHERE "mailState" = 'daily';

-- CreateIndex
CREATE INDEX "Reminder_dueAt_idx" ON "Reminder"("dueAt") WHERE "doneAt" IS NULL AND "notifiedAt" IS NULL;

-- One open cadence reminder per person (the shortest cadence of their tags wins): cadenceOpenFor
-- holds the connection id while a cadence reminder is open, null otherwise.
CREATE UNIQUE INDEX "Reminder_teamId_cadenceOpenFor_key" ON "Reminder"("teamId", "cadenceOpenFor");
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_cadenceOpenFor_check" CHECK ("cadenceOpenFor" IS NULL
  OR ("kind" = 'CADENCE' AND "doneAt" IS NULL AND "cadenceOpenFor" = "connectionId"));

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_teamId_userId_kind_period_key" ON "DigestRun"("teamId", "userId", "kind", "period");

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamStatsSnapshot" ADD CONSTRAINT "TeamStatsSnapshot_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['NotificationPreference', 'DigestRun', 'TeamStatsSnapshot'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
        USING ("teamId" = current_setting('app.team_id', true))
        WITH CHECK ("teamId" = current_setting('app.team_id', true))$p$, t);
  END LOOP;
END $$;

-- The mail scheduler's ways past row-level security (docs/decisions/0012), built like
-- crm_removal_plans_due (decision 0010): SECURITY DEFINER, bodies bound at creation (BEGIN ATOMIC),
-- pg_temp last on the search_path, EXECUTE revoked from PUBLIC and granted to the app role alone
-- by migrate (app-role.ts). They return ids and instants only; the work runs inside withTeam.
-- Read-only policies for the owner let them see the tables they read.
CREATE POLICY mail_sweep ON "Membership" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY mail_sweep ON "NotificationPreference" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY mail_sweep ON "DigestRun" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY mail_sweep ON "Reminder" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY mail_sweep ON "Notification" FOR SELECT TO CURRENT_USER USING (true);

-- Weekly digests whose slot (weekday and hour in the member's zone) has passed this week and that
-- no DigestRun claims yet. The slot is computed in local wall time, so a DST change neither skips
-- nor repeats a week; the period is the ISO week of the local slot, so moving the weekday within a
-- week does not send twice. A member who joined after this week's slot waits for the next one.
-- The zone: the member's preference, else their first account's, else UTC; a zone Postgres does
-- not know counts as absent (the member still gets a digest, in the next zone of that order).
CREATE FUNCTION crm_digests_due(p_now TIMESTAMPTZ, p_after_team TEXT, p_after_user TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "userId" TEXT, "period" TEXT, "dueAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  WITH known AS MATERIALIZED (SELECT z.name FROM pg_catalog.pg_timezone_names z),
  raw AS (
    SELECT m."teamId", m."userId", m."createdAt" AS joined,
           coalesce(p."digestWeekday", 1) AS wd, coalesce(p."digestHour", 8) AS hr, p."timeZone" AS pref_tz,
           (SELECT a."timeZone" FROM public."LinkedInAccount" a
             WHERE a."teamId" = m."teamId" AND a."ownerUserId" = m."userId"
             ORDER BY a."createdAt", a.id LIMIT 1) AS account_tz
      FROM public."Membership" m
      LEFT JOIN public."NotificationPreference" p ON p."teamId" = m."teamId" AND p."userId" = m."userId"
     WHERE (m."teamId", m."userId") > (coalesce(p_after_team, ''), coalesce(p_after_user, ''))
       AND coalesce(p."digestEnabled", true)
  ), m AS (
    -- Joins, not a lookup per member: the zone list is ~1,200 names.
    SELECT r."teamId", r."userId", r.joined, r.wd, r.hr, coalesce(kp.name, ka.name, 'UTC') AS tz
      FROM raw r
      LEFT JOIN known kp ON kp.name = r.pref_tz
      LEFT JOIN known ka ON ka.name = r.account_tz
  ), slots AS (
    SELECT m."teamId", m."userId", m.joined, m.tz,
           CASE WHEN x.slot > x.local_now THEN x.slot - interval '7 days' ELSE x.slot END AS slot_local
      FROM m
      CROSS JOIN LATERAL (
        SELECT p_now AT TIME ZONE m.tz AS local_now,
               date_trunc('week', p_now AT TIME ZONE m.tz) + make_interval(days => m.wd - 1, hours => m.hr) AS slot
      ) x
  )
  SELECT s."teamId", s."userId", to_char(s.slot_local, 'IYYY-"W"IW'), s.slot_local AT TIME ZONE s.tz
    FROM slots s
   WHERE (s.slot_local AT TIME ZONE s.tz) >= s.joined AT TIME ZONE 'UTC'
     AND NOT EXISTS (SELECT 1 FROM public."DigestRun" r
                      WHERE r."teamId" = s."teamId" AND r."userId" = s."userId" AND r.kind = 'weekly'
                        AND r.period = to_char(s.slot_local, 'IYYY-"W"IW'))
   ORDER BY s."teamId", s."userId"
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_digests_due(TIMESTAMPTZ, TEXT, TEXT, INTEGER) FROM PUBLIC;

-- Daily summaries: members with notifications waiting for one (mailState 'daily', written before
-- today's slot at their digest hour) and no DigestRun for that local date.
CREATE FUNCTION crm_daily_summaries_due(p_now TIMESTAMPTZ, p_after_team TEXT, p_after_user TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "userId" TEXT, "period" TEXT, "dueAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  WITH known AS MATERIALIZED (SELECT z.name FROM pg_catalog.pg_timezone_names z),
  w AS (
    SELECT DISTINCT n."teamId", n."userId"
      FROM public."Notification" n
     WHERE n."mailState" = 'daily'
       AND (n."teamId", n."userId") > (coalesce(p_after_team, ''), coalesce(p_after_user, ''))
  ), raw AS (
    SELECT w."teamId", w."userId", coalesce(p."digestHour", 8) AS hr, p."timeZone" AS pref_tz,
           (SELECT a."timeZone" FROM public."LinkedInAccount" a
             WHERE a."teamId" = w."teamId" AND a."ownerUserId" = w."userId"
             ORDER BY a."createdAt", a.id LIMIT 1) AS account_tz
      FROM w
      -- A member who left has nothing to be summarized to (removing a member settles their rows).
      JOIN public."Membership" mm ON mm."teamId" = w."teamId" AND mm."userId" = w."userId"
      LEFT JOIN public."NotificationPreference" p ON p."teamId" = w."teamId" AND p."userId" = w."userId"
  ), m AS (
    SELECT r."teamId", r."userId", r.hr, coalesce(kp.name, ka.name, 'UTC') AS tz
      FROM raw r
      LEFT JOIN known kp ON kp.name = r.pref_tz
      LEFT JOIN known ka ON ka.name = r.account_tz
  ), slots AS (
    SELECT m."teamId", m."userId", m.tz,
           CASE WHEN x.slot > x.local_now THEN x.slot - interval '1 day' ELSE x.slot END AS slot_local
      FROM m
      CROSS JOIN LATERAL (
        SELECT p_now AT TIME ZONE m.tz AS local_now,
               date_trunc('day', p_now AT TIME ZONE m.tz) + make_interval(hours => m.hr) AS slot
      ) x
  )
  SELECT s."teamId", s."userId", to_char(s.slot_local, 'YYYY-MM-DD'), s.slot_local AT TIME ZONE s.tz
    FROM slots s
   WHERE EXISTS (SELECT 1 FROM public."Notification" n
                  WHERE n."teamId" = s."teamId" AND n."userId" = s."userId" AND n."mailState" = 'daily'
                    AND n."createdAt" < (s.slot_local AT TIME ZONE s.tz) AT TIME ZONE 'UTC')
     AND NOT EXISTS (SELECT 1 FROM public."DigestRun" r
                      WHERE r."teamId" = s."teamId" AND r."userId" = s."userId" AND r.kind = 'daily'
                        AND r.period = to_char(s.slot_local, 'YYYY-MM-DD'))
   ORDER BY s."teamId", s."userId"
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_daily_summaries_due(TIMESTAMPTZ, TEXT, TEXT, INTEGER) FROM PUBLIC;

-- Teams with reminders that came due and were not notified yet (the oldest due instant each).
CREATE FUNCTION crm_reminder_teams_due(p_now TIMESTAMPTZ, p_after TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "dueAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  SELECT r."teamId", min(r."dueAt") AT TIME ZONE 'UTC'
    FROM public."Reminder" r
   WHERE r."doneAt" IS NULL AND r."notifiedAt" IS NULL
     AND r."dueAt" <= p_now AT TIME ZONE 'UTC'
     AND r."teamId" > coalesce(p_after, '')
   GROUP BY r."teamId"
   ORDER BY r."teamId"
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_reminder_teams_due(TIMESTAMPTZ, TEXT, INTEGER) FROM PUBLIC;

-- Teams with notifications the email pass has not handled yet (the oldest each).
CREATE FUNCTION crm_notification_mail_due(p_after TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "createdAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  SELECT n."teamId", min(n."createdAt") AT TIME ZONE 'UTC'
    FROM public."Notification" n
   WHERE n."mailState" IS NULL AND n."teamId" > coalesce(p_after, '')
   GROUP BY n."teamId"
   ORDER BY n."teamId"
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_notification_mail_due(TEXT, INTEGER) FROM PUBLIC;
