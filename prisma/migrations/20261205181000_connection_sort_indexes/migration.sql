-- The connections table's sorts walk an index in the table's order (issue 13, decision 0014).
-- Without one, a page sorted by name, company or position sorted every matching row of the team
-- in ICU order (15–45 ms for 10,000–30,000 rows), and a score range sorted by position joined
-- 12,000 scores first; walking the index and filtering stops after the page's rows (≤ 1 ms).
-- The expressions are exactly the ORDER BY of filter/sql.ts (natural(): blank is missing, ICU root
-- collation), ascending with missing last and the id as tie-breaker, so ASC pages use them as
-- they are. Prisma cannot model expression indexes: they are hand-written, like the RLS policies,
-- and the drift check leaves expression indexes out.
CREATE INDEX "Connection_teamId_sortName_idx" ON "Connection" ("teamId", (NULLIF(btrim("firstName" || ' ' || "lastName"), '') COLLATE "und-x-icu"), "id");
CREATE INDEX "Connection_teamId_sortCompany_idx" ON "Connection" ("teamId", (NULLIF(btrim("company"), '') COLLATE "und-x-icu"), "id");
CREATE INDEX "Connection_teamId_sortPosition_idx" ON "Connection" ("teamId", (NULLIF(btrim("position"), '') COLLATE "und-x-icu"), "id");

-- "No message in N months, by last interaction" (newest first, never-messaged last).
CREATE INDEX "Connection_teamId_lastInteractionAt_id_idx" ON "Connection" ("teamId", "lastInteractionAt" DESC NULLS LAST, "id" DESC);
