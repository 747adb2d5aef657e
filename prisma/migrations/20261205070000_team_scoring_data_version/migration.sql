-- Bumped in the same transaction as every change to what ICP scoring reads of a team's network
-- (tags applied, removed, merged, deleted; an import's scores refresh). Each web replica keeps the
-- network it last loaded for the ICP live preview and reloads it when this number moved
-- (issue 16 item 11), so a tag change shows in the preview at once, on every replica.
ALTER TABLE "Team" ADD COLUMN "scoringDataVersion" INTEGER NOT NULL DEFAULT 0;
