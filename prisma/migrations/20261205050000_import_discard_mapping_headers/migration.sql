-- A waiting import (e.g. one that needs a column mapping) can be discarded: a terminal state whose
-- upload bytes are deleted. The new value is not used in this transaction (Postgres forbids that).
ALTER TYPE "ImportStatus" ADD VALUE 'DISCARDED';

-- The remembered mapping's headers as the file spelled them, in order, so the settings page can show
-- them (the signature is normalised and sorted). Rows saved before this keep [] and show the signature.
ALTER TABLE "ColumnMapping" ADD COLUMN "headers" JSONB NOT NULL DEFAULT '[]';
