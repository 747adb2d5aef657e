-- A team missing from ReviewItem's statistics was estimated at ~1 item (issue 10). Row-level
-- security's "teamId" = current_setting('app.team_id') is folded to the team's id when planning,
-- and with fewer teams than the statistics target every team seen is a most-common value: the
-- MCVs add up to 100% and a team they lack (a first queue build the last ANALYZE did not see)
-- gets nothing. Every path over a teamId-leading index then looked free: the claim's lookup of the
-- skipped cards by id took the smallest such index, ("teamId", "invitationId"), and read the
-- team's 30,000 items for each card (claims at p50 700 ms right after a fresh team's import).
-- With 10 MCV slots at most, teams beyond them share the rest of the rows: a team the statistics
-- lack is estimated at an average team's size (~20,000 of 800,000 items on 41 teams), and the
-- primary key wins the lookup.
ALTER TABLE "ReviewItem" ALTER COLUMN "teamId" SET STATISTICS 10;
ANALYZE "ReviewItem";
