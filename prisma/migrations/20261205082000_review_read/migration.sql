-- The review queue's lists read oldest first (createdAt, id) with a keyset cursor. A queue build
-- inserts an account's items with one timestamp, so ReviewItem(teamId, state, accountId,
-- createdAt) still left a sort of the whole queue per page when no single state and account is
-- asked for (the REST list without filters: ~30,000 rows sorted per page). With this index a page
-- is an index scan that stops after `limit` rows.
CREATE INDEX "ReviewItem_teamId_createdAt_id_idx" ON "ReviewItem"("teamId", "createdAt", "id");
