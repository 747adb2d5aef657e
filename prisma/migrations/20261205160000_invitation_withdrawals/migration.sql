-- Pending invitations: reviewed, withdrawn through guided links, verified by the next archive
-- (issue 17, docs/decisions/0013). Invitations become stable rows (one per account, direction and
-- other party) instead of a snapshot rewritten by every import; withdraw candidates are review
-- items of their own kind; withdrawals have their own allowance next to the removal budget.

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'GONE');

-- CreateEnum
CREATE TYPE "WithdrawalOutcomeKind" AS ENUM ('WITHDRAWN', 'ACCEPTED', 'KEPT');

-- AlterEnum (the new value is only compared as text below: a value added in this transaction cannot be used in it)
ALTER TYPE "ReviewKind" ADD VALUE 'WITHDRAW_INVITATION';

-- AlterTable: stable invitation rows. The snapshot held one row per line of the file; the person
-- key makes it one per other party (the latest invitation wins), so duplicates go first.
ALTER TABLE "PendingInvitation"
    ADD COLUMN "personKey" TEXT,
    ADD COLUMN "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    ADD COLUMN "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "statusChangedAt" TIMESTAMP(3),
    ADD COLUMN "withdrawnAt" TIMESTAMP(3),
    ADD COLUMN "response" TEXT,
    ADD COLUMN "respondedAt" TIMESTAMP(3),
    ADD COLUMN "respondedById" TEXT;

-- The table forces row-level security; the backfill touches every team's rows, so the policy is
-- lifted for the owner inside this transaction only (as in 20261205120000_reminders_digest).
ALTER TABLE "PendingInvitation" NO FORCE ROW LEVEL SECURITY;
UPDATE "PendingInvitation"
   SET "personKey" = coalesce("identityKey", 'name:' || lower(regexp_replace(btrim(name), '\s+', ' ', 'g')));
DELETE FROM "PendingInvitation" p
 USING "PendingInvitation" q
 WHERE p."teamId" = q."teamId" AND p."accountId" = q."accountId" AND p.direction = q.direction AND p."personKey" = q."personKey"
   AND (coalesce(p."sentAt", '-infinity'), p.id) < (coalesce(q."sentAt", '-infinity'), q.id);
ALTER TABLE "PendingInvitation" FORCE ROW LEVEL SECURITY;
ALTER TABLE "PendingInvitation" ALTER COLUMN "personKey" SET NOT NULL;

-- DropIndex (the unique key below starts with the same columns)
DROP INDEX "PendingInvitation_teamId_accountId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "PendingInvitation_teamId_accountId_direction_personKey_key" ON "PendingInvitation"("teamId", "accountId", "direction", "personKey");

-- CreateIndex
CREATE INDEX "PendingInvitation_teamId_accountId_direction_sentAt_idx" ON "PendingInvitation"("teamId", "accountId", "direction", "sentAt");

-- AlterTable: a review item is about a connection or, for WITHDRAW_INVITATION, an invitation.
ALTER TABLE "ReviewItem"
    ALTER COLUMN "connectionId" DROP NOT NULL,
    ADD COLUMN "invitationId" TEXT,
    ADD CONSTRAINT "ReviewItem_subject_check" CHECK (
        ("invitationId" IS NOT NULL) = (kind::text = 'WITHDRAW_INVITATION')
        AND ("connectionId" IS NULL) = ("invitationId" IS NOT NULL));

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_teamId_invitationId_key" ON "ReviewItem"("teamId", "invitationId");

-- CreateIndex
CREATE INDEX "ReviewItem_invitationId_idx" ON "ReviewItem"("invitationId");

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "PendingInvitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: the withdrawal allowance and its pacing state live on the account's budget row,
-- whose lock already serialises everything the owner records for the account.
ALTER TABLE "RemovalBudget"
    ADD COLUMN "withdrawDailyLimit" INTEGER,
    ADD COLUMN "withdrawNextAllowedAt" TIMESTAMP(3),
    ADD COLUMN "withdrawLastAt" TIMESTAMP(3),
    ADD CONSTRAINT "RemovalBudget_withdrawDailyLimit_check" CHECK ("withdrawDailyLimit" IS NULL OR "withdrawDailyLimit" BETWEEN 1 AND 60);

-- AlterTable
ALTER TABLE "RemovalDay"
    ADD COLUMN "withdrawUsed" INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT "RemovalDay_withdrawUsed_check" CHECK ("withdrawUsed" BETWEEN 0 AND 60);

-- CreateTable
CREATE TABLE "WithdrawalOutcome" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "outcome" "WithdrawalOutcomeKind" NOT NULL,
    "localDate" DATE NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT false,
    "liveFor" TEXT,
    "prevNextAllowedAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "budgetReturned" BOOLEAN NOT NULL DEFAULT false,
    "supersededAt" TIMESTAMP(3),
    "verification" TEXT,
    "verifiedAt" TIMESTAMP(3),

    CONSTRAINT "WithdrawalOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalOutcome_teamId_liveFor_key" ON "WithdrawalOutcome"("teamId", "liveFor");

-- CreateIndex: partial (a boolean is not leakproof under RLS, a proven predicate is): the hourly count.
CREATE INDEX "WithdrawalOutcome_teamId_accountId_createdAt_idx" ON "WithdrawalOutcome"("teamId", "accountId", "createdAt") WHERE "counted";

-- CreateIndex
CREATE INDEX "WithdrawalOutcome_teamId_accountId_localDate_createdAt_idx" ON "WithdrawalOutcome"("teamId", "accountId", "localDate", "createdAt");

-- CreateIndex
CREATE INDEX "WithdrawalOutcome_itemId_idx" ON "WithdrawalOutcome"("itemId");

-- CreateIndex
CREATE INDEX "WithdrawalOutcome_invitationId_idx" ON "WithdrawalOutcome"("invitationId");

-- AddForeignKey
ALTER TABLE "WithdrawalOutcome" ADD CONSTRAINT "WithdrawalOutcome_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawalOutcome" ADD CONSTRAINT "WithdrawalOutcome_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "PendingInvitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
ALTER TABLE "WithdrawalOutcome" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WithdrawalOutcome" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "WithdrawalOutcome"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));
