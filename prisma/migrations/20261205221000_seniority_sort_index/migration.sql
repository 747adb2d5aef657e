-- The connections table sorted by seniority walks an index too (issue 13, decision 0014): without
-- one, a common search sorted by seniority ranked and sorted every match (35–60 ms for 30,000
-- rows). The expression is exactly filter/sql.ts SENIORITY_RANK, most senior first (its default
-- direction) with unclassified last and the id as tie-breaker; ascending pages read it backwards.
CREATE INDEX IF NOT EXISTS "Connection_teamId_sortSeniority_idx" ON "Connection" ("teamId", (CASE "seniority" WHEN 'owner' THEN 9 WHEN 'c_level' THEN 8 WHEN 'vp' THEN 7 WHEN 'director' THEN 6 WHEN 'head' THEN 5 WHEN 'manager' THEN 4 WHEN 'senior_ic' THEN 3 WHEN 'ic' THEN 2 WHEN 'intern_student' THEN 1 END) DESC NULLS LAST, "id" DESC);
