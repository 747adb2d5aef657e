-- Extensions for free-text search (decision 0007). All three are trusted extensions: a database
-- owner can create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- unaccent() is only STABLE (it reads a dictionary by name); naming the dictionary makes the result
-- depend on its arguments alone, which a generated column needs.
CREATE OR REPLACE FUNCTION crm_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('READ', 'READ_WRITE');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('REMOVE', 'FOLLOW_UP', 'JOB_CHANGE');

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "searchText" TEXT GENERATED ALWAYS AS (
    lower(crm_unaccent(
        "firstName" || ' ' || "lastName" || ' ' || coalesce("position", '') || ' ' || coalesce("company", '')
    ))
) STORED;

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectionTag" (
    "teamId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectionTag_pkey" PRIMARY KEY ("teamId","tagId","connectionId")
);

-- CreateTable
CREATE TABLE "BulkTagChange" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT,
    "tagId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "connectionIds" TEXT[],
    "count" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "BulkTagChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editedAt" TIMESTAMP(3),

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ownerUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "kind" "ReviewKind" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "reason" TEXT,
    "addedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamExport" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "requestedById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "byteSize" INTEGER,
    "error" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TeamExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamExportChunk" (
    "teamId" TEXT NOT NULL,
    "exportId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "TeamExportChunk_pkey" PRIMARY KEY ("teamId","exportId","seq")
);

-- CreateIndex
CREATE INDEX "Connection_teamId_searchText_idx" ON "Connection" USING GIN ("teamId" text_ops, "searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Tag_teamId_nameKey_key" ON "Tag"("teamId", "nameKey");

-- CreateIndex
CREATE INDEX "ConnectionTag_teamId_connectionId_idx" ON "ConnectionTag"("teamId", "connectionId");

-- CreateIndex
CREATE INDEX "BulkTagChange_teamId_userId_createdAt_idx" ON "BulkTagChange"("teamId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "Note_teamId_connectionId_createdAt_idx" ON "Note"("teamId", "connectionId", "createdAt");

-- CreateIndex
CREATE INDEX "SavedView_teamId_shared_idx" ON "SavedView"("teamId", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_teamId_ownerUserId_name_key" ON "SavedView"("teamId", "ownerUserId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_teamId_createdAt_idx" ON "ApiKey"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewItem_teamId_status_createdAt_idx" ON "ReviewItem"("teamId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_teamId_connectionId_kind_key" ON "ReviewItem"("teamId", "connectionId", "kind");

-- CreateIndex
CREATE INDEX "TeamExport_teamId_createdAt_idx" ON "TeamExport"("teamId", "createdAt");

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionTag" ADD CONSTRAINT "ConnectionTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionTag" ADD CONSTRAINT "ConnectionTag_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkTagChange" ADD CONSTRAINT "BulkTagChange_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamExport" ADD CONSTRAINT "TeamExport_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamExportChunk" ADD CONSTRAINT "TeamExportChunk_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "TeamExport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Tag', 'ConnectionTag', 'BulkTagChange', 'Note', 'SavedView', 'ApiKey', 'ReviewItem', 'TeamExport', 'TeamExportChunk'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
        USING ("teamId" = current_setting('app.team_id', true))
        WITH CHECK ("teamId" = current_setting('app.team_id', true))$p$, t);
  END LOOP;
END $$;

-- An API request names no team: the key's hash is its only credential. This policy lets exactly
-- the row with that hash be read (app.api_key_hash, set by findApiKeyByHash()), nothing else.
CREATE POLICY api_key_lookup ON "ApiKey" FOR SELECT
    USING ("keyHash" = current_setting('app.api_key_hash', true));
