-- ReviewItem's index for cascades from PendingInvitation holds only the items that have an
-- invitation (issue 10). Every connection item has a NULL invitationId, and a queue build wrote
-- a NULL entry for each: a first build of 30,000 items wrote eight index entries per row. The
-- cascade's `"invitationId" = $1` implies IS NOT NULL (a strict operator), so the planner still
-- uses the partial index for it. Prisma models the columns, not the predicate (schema.prisma says
-- so), and the drift check compares columns.
DROP INDEX "ReviewItem_invitationId_idx";
CREATE INDEX "ReviewItem_invitationId_idx" ON "ReviewItem"("invitationId") WHERE "invitationId" IS NOT NULL;
