-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "classifiedTitle" TEXT,
ADD COLUMN     "function" TEXT,
ADD COLUMN     "jobChangedAt" TIMESTAMP(3),
ADD COLUMN     "seniority" TEXT;

-- CreateTable
CREATE TABLE "Icp" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "scoredVersion" INTEGER NOT NULL DEFAULT 0,
    "rescoreProgress" INTEGER NOT NULL DEFAULT 0,
    "scoredAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Icp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IcpScore" (
    "teamId" TEXT NOT NULL,
    "icpId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "flags" TEXT[],
    "scoredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IcpScore_pkey" PRIMARY KEY ("teamId","icpId","connectionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Icp_teamId_name_key" ON "Icp"("teamId", "name");

-- CreateIndex
CREATE INDEX "IcpScore_teamId_icpId_score_idx" ON "IcpScore"("teamId", "icpId", "score");

-- AddForeignKey
ALTER TABLE "Icp" ADD CONSTRAINT "Icp_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IcpScore" ADD CONSTRAINT "IcpScore_icpId_fkey" FOREIGN KEY ("icpId") REFERENCES "Icp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IcpScore" ADD CONSTRAINT "IcpScore_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (hand-written; see the init migration).
ALTER TABLE "Icp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Icp" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Icp"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));

ALTER TABLE "IcpScore" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IcpScore" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IcpScore"
    USING ("teamId" = current_setting('app.team_id', true))
    WITH CHECK ("teamId" = current_setting('app.team_id', true));
