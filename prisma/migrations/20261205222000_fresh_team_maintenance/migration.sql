-- Search's GIN indexes keep new entries in a pending list until it reaches gin_pending_list_limit
-- (4 MB by default) or a vacuum merges it, and every search scans that list linearly. Right after
-- a team's 30,000-row import it held ~570 pages (4.5 MB) across the two indexes and cost each
-- search several milliseconds (issue 13, decision 0014). 512 kB keeps the scan short; the merge
-- work is the same, in smaller steps during the import.
ALTER INDEX "Connection_teamId_searchText_idx" SET (gin_pending_list_limit = 512);
ALTER INDEX "Connection_teamId_wordTypoKeys_idx" SET (gin_pending_list_limit = 512);

-- A new team's rows stay "not all-visible" until a vacuum reaches them, so every index walk over
-- them reads the heap too (a search walked to its end on a fresh team: ~1 µs an entry instead of a
-- fraction of that). Autovacuum vacuums a table for inserts only after 20% of it changed: on 1.2M
-- connections, 240,000 rows, i.e. only every eighth 30,000-row import. From 1% plus 10,000 rows
-- every import is followed by a vacuum within autovacuum's nap (1 minute by default), which only
-- visits the pages that are not all-visible yet and, for inserts alone, skips index cleanup.
ALTER TABLE "Connection" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_insert_threshold = 10000);
ALTER TABLE "IcpScore" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_insert_threshold = 10000);
