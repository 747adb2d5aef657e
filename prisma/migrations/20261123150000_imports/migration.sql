-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('UPLOADING', 'QUEUED', 'PROCESSING', 'NEEDS_MAPPING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('CONNECTED', 'REMOVAL_PENDING', 'REMOVED', 'GONE');

-- CreateEnum
CREATE TYPE "ConnectionEventKind" AS ENUM ('IMPORTED', 'UPDATED', 'JOB_CHANGED', 'GONE', 'REAPPEARED', 'REMOVAL_VERIFIED', 'STILL_CONNECTED');

-- CreateTable
CREATE TABLE "LinkedInAccount" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerUserId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "isNew" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkedInAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "uploadedById" TEXT,
    "fileName" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'UPLOADING',
    "format" TEXT,
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "newCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "unchangedCount" INTEGER NOT NULL DEFAULT 0,
    "jobChangeCount" INTEGER NOT NULL DEFAULT 0,
    "goneCount" INTEGER NOT NULL DEFAULT 0,
    "rejectedCount" INTEGER NOT NULL DEFAULT 0,
    "verifiedRemovalCount" INTEGER NOT NULL DEFAULT 0,
    "stillConnectedCount" INTEGER NOT NULL DEFAULT 0,
    "details" JSONB NOT NULL DEFAULT '{}',
    "errorCode" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportChunk" (
    "teamId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImportChunk_pkey" PRIMARY KEY ("teamId","importId","seq")
);

-- CreateTable
CREATE TABLE "ImportRejection" (
    "teamId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "raw" TEXT[],

    CONSTRAINT "ImportRejection_pkey" PRIMARY KEY ("teamId","importId","seq")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "profileUrl" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT,
    "company" TEXT,
    "position" TEXT,
    "connectedOn" DATE,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'CONNECTED',
    "endorsedMe" BOOLEAN NOT NULL DEFAULT false,
    "endorsementCount" INTEGER NOT NULL DEFAULT 0,
    "recommendedMe" BOOLEAN NOT NULL DEFAULT false,
    "lastInteractionAt" TIMESTAMP(3),
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "stillConnectedAt" TIMESTAMP(3),
    "goneAt" TIMESTAMP(3),
    "firstImportId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectionEvent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "importId" TEXT,
    "kind" "ConnectionEventKind" NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingInvitation" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "profileUrl" TEXT,
    "identityKey" TEXT,
    "sentAt" TIMESTAMP(3),
    "message" TEXT,

    CONSTRAINT "PendingInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ColumnMapping" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ColumnMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LinkedInAccount_teamId_ownerUserId_idx" ON "LinkedInAccount"("teamId", "ownerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "LinkedInAccount_teamId_label_key" ON "LinkedInAccount"("teamId", "label");

-- CreateIndex
CREATE INDEX "Import_teamId_accountId_createdAt_idx" ON "Import"("teamId", "accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Connection_teamId_accountId_status_idx" ON "Connection"("teamId", "accountId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_teamId_accountId_identityKey_key" ON "Connection"("teamId", "accountId", "identityKey");

-- CreateIndex
CREATE INDEX "ConnectionEvent_teamId_connectionId_createdAt_idx" ON "ConnectionEvent"("teamId", "connectionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectionEvent_teamId_importId_connectionId_kind_key" ON "ConnectionEvent"("teamId", "importId", "connectionId", "kind");

-- CreateIndex
CREATE INDEX "PendingInvitation_teamId_accountId_idx" ON "PendingInvitation"("teamId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapping_teamId_signature_key" ON "ColumnMapping"("teamId", "signature");

-- AddForeignKey
ALTER TABLE "LinkedInAccount" ADD CONSTRAINT "LinkedInAccount_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedInAccount" ADD CONSTRAINT "LinkedInAccount_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LinkedInAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportChunk" ADD CONSTRAINT "ImportChunk_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRejection" ADD CONSTRAINT "ImportRejection_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LinkedInAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionEvent" ADD CONSTRAINT "ConnectionEvent_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingInvitation" ADD CONSTRAINT "PendingInvitation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LinkedInAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ColumnMapping" ADD CONSTRAINT "ColumnMapping_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration): every new table carries teamId.
ALTER TABLE "LinkedInAccount" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LinkedInAccount" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LinkedInAccount"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "Import" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Import" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Import"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "ImportChunk" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportChunk" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ImportChunk"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "ImportRejection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportRejection" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ImportRejection"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "Connection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Connection" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Connection"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "ConnectionEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ConnectionEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ConnectionEvent"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "PendingInvitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PendingInvitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PendingInvitation"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "ColumnMapping" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ColumnMapping" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ColumnMapping"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

