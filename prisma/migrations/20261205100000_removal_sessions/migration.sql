-- Guided removal sessions (issue 11, docs/decisions/0010): per-account policy and pacing state,
-- per-local-day counts and plans, recorded outcomes, and the one documented way past row-level
-- security that the day planner needs (ids and dates only).

-- CreateEnum
CREATE TYPE "RemovalOutcomeKind" AS ENUM ('REMOVED', 'NOT_FOUND', 'KEPT');

-- AlterTable
ALTER TABLE "ReviewItem"
    ADD COLUMN "plannedOn" DATE,
    ADD COLUMN "planRank" INTEGER,
    ADD COLUMN "retryNote" TEXT,
    ADD COLUMN "notFoundAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RemovalBudget" (
    "accountId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "dailyLimit" INTEGER,
    "gapSeconds" INTEGER NOT NULL DEFAULT 90,
    "hourlyLimit" INTEGER NOT NULL DEFAULT 12,
    "weeklyLimit" INTEGER,
    "nextAllowedAt" TIMESTAMP(3),
    "lastRemovedAt" TIMESTAMP(3),
    "policyUpdatedById" TEXT,
    "policyUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemovalBudget_pkey" PRIMARY KEY ("accountId"),
    -- The hard cap and the floor of the gap hold whatever writes the row.
    CONSTRAINT "RemovalBudget_dailyLimit_check" CHECK ("dailyLimit" IS NULL OR "dailyLimit" BETWEEN 1 AND 50),
    CONSTRAINT "RemovalBudget_gapSeconds_check" CHECK ("gapSeconds" BETWEEN 30 AND 3600),
    CONSTRAINT "RemovalBudget_hourlyLimit_check" CHECK ("hourlyLimit" BETWEEN 1 AND 50),
    CONSTRAINT "RemovalBudget_weeklyLimit_check" CHECK ("weeklyLimit" IS NULL OR "weeklyLimit" BETWEEN 1 AND 350)
);

-- CreateTable
CREATE TABLE "RemovalDay" (
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "localDate" DATE NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "planned" INTEGER NOT NULL DEFAULT 0,
    "plannedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemovalDay_pkey" PRIMARY KEY ("teamId","accountId","localDate"),
    CONSTRAINT "RemovalDay_used_check" CHECK ("used" BETWEEN 0 AND 50)
);

-- CreateTable
CREATE TABLE "RemovalOutcome" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "outcome" "RemovalOutcomeKind" NOT NULL,
    "localDate" DATE NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT false,
    "liveFor" TEXT,
    "prevNextAllowedAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "budgetReturned" BOOLEAN NOT NULL DEFAULT false,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "RemovalOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewItem_teamId_accountId_plannedOn_idx" ON "ReviewItem"("teamId", "accountId", "plannedOn") WHERE "state" = 'APPROVED';

-- CreateIndex
CREATE INDEX "RemovalBudget_teamId_idx" ON "RemovalBudget"("teamId");

-- CreateIndex
CREATE INDEX "RemovalDay_accountId_idx" ON "RemovalDay"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "RemovalOutcome_teamId_liveFor_key" ON "RemovalOutcome"("teamId", "liveFor");

-- CreateIndex: partial (a boolean is not leakproof under RLS, a proven predicate is): the hourly count.
CREATE INDEX "RemovalOutcome_teamId_accountId_createdAt_idx" ON "RemovalOutcome"("teamId", "accountId", "createdAt") WHERE "counted";

-- CreateIndex
CREATE INDEX "RemovalOutcome_teamId_accountId_localDate_createdAt_idx" ON "RemovalOutcome"("teamId", "accountId", "localDate", "createdAt");

-- CreateIndex
CREATE INDEX "RemovalOutcome_itemId_idx" ON "RemovalOutcome"("itemId");

-- CreateIndex
CREATE INDEX "RemovalOutcome_connectionId_idx" ON "RemovalOutcome"("connectionId");

-- AddForeignKey
ALTER TABLE "RemovalBudget" ADD CONSTRAINT "RemovalBudget_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LinkedInAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemovalDay" ADD CONSTRAINT "RemovalDay_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LinkedInAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemovalOutcome" ADD CONSTRAINT "RemovalOutcome_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemovalOutcome" ADD CONSTRAINT "RemovalOutcome_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['RemovalBudget', 'RemovalDay', 'RemovalOutcome'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
        USING ("teamId" = current_setting('app.team_id', true))
        WITH CHECK ("teamId" = current_setting('app.team_id', true))$p$, t);
  END LOOP;
END $$;

-- The day planner's way past row-level security (docs/decisions/0010): which accounts have
-- approved removals and no plan yet for their current local day. It returns ids and a date only;
-- the planning itself runs inside withTeam. The function runs as its owner (the migrating role);
-- read-only policies for that role alone let it see the three tables it reads even where the
-- owner is not a superuser (the tables FORCE row-level security). Its body is bound when it is
-- created (BEGIN ATOMIC) and its search_path puts pg_temp last, so no object a caller creates can
-- stand in for a table it reads. EXECUTE: not PUBLIC; migrate grants it to the app role alone
-- (app-role.ts). An account whose zone Postgres does not know is left out rather than failing the
-- sweep for everyone; its owner's session page still plans it.
CREATE POLICY removal_plan_sweep ON "LinkedInAccount" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY removal_plan_sweep ON "ReviewItem" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY removal_plan_sweep ON "RemovalDay" FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION crm_removal_plans_due(p_now TIMESTAMPTZ, p_after TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "accountId" TEXT, "localDate" DATE)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  SELECT a."teamId", a.id, (p_now AT TIME ZONE a."timeZone")::date
    FROM public."LinkedInAccount" a
   WHERE a.id > coalesce(p_after, '')
     AND a."timeZone" IN (SELECT z.name FROM pg_catalog.pg_timezone_names z)
     AND EXISTS (SELECT 1 FROM public."ReviewItem" i
                  WHERE i."teamId" = a."teamId" AND i."accountId" = a.id
                    AND i.state = 'APPROVED' AND i.kind = 'REMOVE')
     AND NOT EXISTS (SELECT 1 FROM public."RemovalDay" d
                      WHERE d."teamId" = a."teamId" AND d."accountId" = a.id
                        AND d."localDate" = (p_now AT TIME ZONE a."timeZone")::date
                        AND d."plannedAt" IS NOT NULL)
   ORDER BY a.id
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_removal_plans_due(TIMESTAMPTZ, TEXT, INTEGER) FROM PUBLIC;
