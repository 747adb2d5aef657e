-- crm_removal_plans_due (20261205100000_removal_sessions) filtered unknown zones with an IN next
-- to a NOT EXISTS that converts with the account's zone: the planner may run the conversion first,
-- and one account with a zone Postgres does not know failed the sweep for every team. The zone now
-- comes from the join with the known zones (as crm_digests_due does), so a conversion only ever
-- sees a name Postgres knows. Same signature: the grant to the app role stays.
CREATE OR REPLACE FUNCTION crm_removal_plans_due(p_now TIMESTAMPTZ, p_after TEXT, p_limit INTEGER)
RETURNS TABLE ("teamId" TEXT, "accountId" TEXT, "localDate" DATE)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
BEGIN ATOMIC
  WITH known AS MATERIALIZED (SELECT z.name FROM pg_catalog.pg_timezone_names z)
  SELECT a."teamId", a.id, (p_now AT TIME ZONE k.name)::date
    FROM public."LinkedInAccount" a
    JOIN known k ON k.name = a."timeZone"
   WHERE a.id > coalesce(p_after, '')
     AND EXISTS (SELECT 1 FROM public."ReviewItem" i
                  WHERE i."teamId" = a."teamId" AND i."accountId" = a.id
                    AND i.state = 'APPROVED' AND i.kind = 'REMOVE')
     AND NOT EXISTS (SELECT 1 FROM public."RemovalDay" d
                      WHERE d."teamId" = a."teamId" AND d."accountId" = a.id
                        AND d."localDate" = (p_now AT TIME ZONE k.name)::date
                        AND d."plannedAt" IS NOT NULL)
   ORDER BY a.id
   LIMIT least(greatest(p_limit, 1), 1000);
END;
REVOKE ALL ON FUNCTION crm_removal_plans_due(TIMESTAMPTZ, TEXT, INTEGER) FROM PUBLIC;

-- CreateIndex: partial (see ReviewItem_teamId_accountId_plannedOn_idx): an account's approved
-- invitation withdrawals. The removal session's backlog count subtracts them from its own
-- index-only count, and the withdrawal session lists them, without reading the removal backlog.
CREATE INDEX "ReviewItem_teamId_accountId_idx" ON "ReviewItem"("teamId", "accountId") WHERE state = 'APPROVED' AND "invitationId" IS NOT NULL;
