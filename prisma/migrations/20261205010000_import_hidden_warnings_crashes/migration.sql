-- Hidden LinkedIn members (date-only rows) are counted apart from rejections; accepted rows with a
-- field left blank are warnings, kept in ImportRejection with kind 'warning' (same RLS policy).
ALTER TABLE "Import" ADD COLUMN "hiddenCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Import" ADD COLUMN "warningCount" INTEGER NOT NULL DEFAULT 0;
-- Runs of the import job that started and never finished (the worker died): after two, the import
-- is failed for good instead of killing the next worker too.
ALTER TABLE "Import" ADD COLUMN "unfinishedRuns" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ImportRejection" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'rejected';
