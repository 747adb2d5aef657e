-- Best score first, as the connections table and the ICP page sort it: with a fit or score filter
-- the first page reads ~50 index entries instead of joining and sorting the team's scores
-- (fit=strong sorted by score: 45 → 8 ms). Replaces the (teamId, icpId, score) index, whose
-- one reader (the ICP page) now pages in this index's order.
DROP INDEX "IcpScore_teamId_icpId_score_idx";
CREATE INDEX "IcpScore_teamId_icpId_score_connectionId_idx" ON "IcpScore" ("teamId", "icpId", "score" DESC NULLS LAST, "connectionId" DESC);

-- "icpId" determines "teamId"; see Connection_teamId_accountId_stat.
CREATE STATISTICS "IcpScore_teamId_icpId_stat" (dependencies, ndistinct) ON "teamId", "icpId" FROM "IcpScore";
