-- An import that would mark many people gone (or comes from another tool) waits for the user to
-- say whether the file is the whole network or a partial list (decision 0005).
ALTER TYPE "ImportStatus" ADD VALUE 'NEEDS_CONFIRMATION' AFTER 'NEEDS_MAPPING';
