-- The review queue's workflow (issue 10, docs/decisions/0009): item states, votes, comments,
-- undoable decisions, queue rules, in-app notifications and follow-up reminders.

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('OPEN', 'SNOOZED', 'APPROVED', 'DONE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReviewChoice" AS ENUM ('KEEP', 'REMOVE', 'FOLLOW_UP', 'SNOOZE');

-- ReviewItem: the free-text status becomes a state; items added by hand before this keep their
-- connection's account.
ALTER TABLE "ReviewItem"
    ADD COLUMN "accountId" TEXT,
    ADD COLUMN "state" "ReviewState" NOT NULL DEFAULT 'OPEN',
    ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'rule',
    ADD COLUMN "rules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "ruleDetail" JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN "protectedLoss" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "round" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "voteCount" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "decision" "ReviewChoice",
    ADD COLUMN "decisionReason" TEXT,
    ADD COLUMN "decidedById" TEXT,
    ADD COLUMN "decidedAt" TIMESTAMP(3),
    ADD COLUMN "snoozedUntil" TIMESTAMP(3),
    ADD COLUMN "keepUntil" TIMESTAMP(3),
    ADD COLUMN "closedReason" TEXT,
    ADD COLUMN "closedAt" TIMESTAMP(3),
    ADD COLUMN "executedAt" TIMESTAMP(3),
    ADD COLUMN "claimedById" TEXT,
    ADD COLUMN "claimExpiresAt" TIMESTAMP(3),
    ADD COLUMN "lastChange" JSONB;

UPDATE "ReviewItem" i
   SET "accountId" = c."accountId",
       "origin" = 'manual',
       "rules" = ARRAY['manual'],
       "state" = CASE WHEN i.status = 'OPEN' THEN 'OPEN'::"ReviewState" ELSE 'CLOSED'::"ReviewState" END
  FROM "Connection" c
 WHERE c.id = i."connectionId";

ALTER TABLE "ReviewItem" ALTER COLUMN "accountId" SET NOT NULL;

DROP INDEX "ReviewItem_teamId_status_createdAt_idx";
ALTER TABLE "ReviewItem" DROP COLUMN "status";

-- CreateIndex
CREATE INDEX "ReviewItem_teamId_state_accountId_createdAt_idx" ON "ReviewItem"("teamId", "state", "accountId", "createdAt");

-- CreateTable
CREATE TABLE "ReviewVote" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" "ReviewChoice" NOT NULL,
    "reason" TEXT,
    "snoozeUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "mentionedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewChange" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT,
    "before" JSONB NOT NULL,
    "afterVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "ReviewChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueSettings" (
    "teamId" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueSettings_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" TEXT,
    "actorId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "sourceItemId" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewVote_itemId_round_userId_key" ON "ReviewVote"("itemId", "round", "userId");

-- CreateIndex
CREATE INDEX "ReviewVote_teamId_userId_idx" ON "ReviewVote"("teamId", "userId");

-- CreateIndex
CREATE INDEX "ReviewComment_teamId_itemId_createdAt_idx" ON "ReviewComment"("teamId", "itemId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewComment_itemId_idx" ON "ReviewComment"("itemId");

-- CreateIndex
CREATE INDEX "ReviewChange_teamId_batchId_idx" ON "ReviewChange"("teamId", "batchId");

-- CreateIndex
CREATE INDEX "ReviewChange_teamId_itemId_createdAt_idx" ON "ReviewChange"("teamId", "itemId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_teamId_userId_dedupeKey_key" ON "Notification"("teamId", "userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_teamId_userId_createdAt_idx" ON "Notification"("teamId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "Reminder_teamId_dueAt_idx" ON "Reminder"("teamId", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_connectionId_idx" ON "Reminder"("connectionId");

-- CreateIndex
CREATE INDEX "Connection_teamId_identityKey_idx" ON "Connection"("teamId", "identityKey");

-- CreateIndex
CREATE INDEX "AuditLog_teamId_targetId_createdAt_idx" ON "AuditLog"("teamId", "targetId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReviewVote" ADD CONSTRAINT "ReviewVote_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueSettings" ADD CONSTRAINT "QueueSettings_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ReviewVote', 'ReviewComment', 'ReviewChange', 'QueueSettings', 'Notification', 'Reminder'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
        USING ("teamId" = current_setting('app.team_id', true))
        WITH CHECK ("teamId" = current_setting('app.team_id', true))$p$, t);
  END LOOP;
END $$;
