-- Search's GIN indexes keep new entries in a pending list until it reaches gin_pending_list_limit
-- (4 MB by default) or a vacuum merges it, and every search scans that list linearly. Right after
-- a team's 30,000-row import it held ~570 pages (4.5 MB) across the two indexes and cost each
-- search several milliseconds (issue 13, decision 0014). 512 kB keeps the scan short; the merge
-- work is the same, in smaller steps during the import.
ALTER INDEX "Connection_teamId_searchText_idx" SET (gin_pending_list_limit = 512);
ALTER INDEX "Connection_teamId_wordTypoKeys_idx" SET (gin_pending_list_limit = 512);
