-- Deleting a connection (or a whole team) cascades by "connectionId"; without these, each deleted
-- connection scanned the child tables of every team (a 30,000-connection team took 35-43 s to
-- delete; 1.3 s with them).
CREATE INDEX "ConnectionEvent_connectionId_idx" ON "ConnectionEvent"("connectionId");
CREATE INDEX "IcpScore_connectionId_idx" ON "IcpScore"("connectionId");
CREATE INDEX "ConnectionTag_connectionId_idx" ON "ConnectionTag"("connectionId");
CREATE INDEX "Note_connectionId_idx" ON "Note"("connectionId");
CREATE INDEX "ReviewItem_connectionId_idx" ON "ReviewItem"("connectionId");

-- "accountId" determines "teamId": without this the planner multiplies their selectivities and
-- expects ~700 rows where a 30,000-connection team has 30,000, and picks nested loops.
CREATE STATISTICS "Connection_teamId_accountId_stat" (dependencies, ndistinct) ON "teamId", "accountId" FROM "Connection";
