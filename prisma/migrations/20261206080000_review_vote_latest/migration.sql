-- A review session without a card to resume from resumes after the member's latest vote
-- (core/review/claim-item.ts, `resume`). The only index by member was (teamId, userId, itemId,
-- round), so that read all their votes and sorted them: 2,000 votes, 147 ms on a cold cache for a
-- reviewer's first claim (issue 10). This one answers with one backward probe.
CREATE INDEX IF NOT EXISTS "ReviewVote_teamId_userId_createdAt_idx" ON "ReviewVote"("teamId", "userId", "createdAt");
