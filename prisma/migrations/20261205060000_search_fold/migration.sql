-- Free text as people type names (issue 16.12, decision 0007). searchText becomes the *folded*
-- text: lower-cased and unaccented as before, plus apostrophes, hyphens and dots dropped
-- ("obrien" finds O'Brien), German ae/oe/ue read as ä/ö/ü (unaccent already turns ß into ss) and
-- doubled letters read as one ("mueller", "Müler" and "muller" all find Müller). Search terms go
-- through the same function, so both sides always agree.
--
-- Cost: PostgreSQL 15 cannot change a generated expression in place, so the column is dropped and
-- added again, which rewrites "Connection" under an ACCESS EXCLUSIVE lock (about 1 min per million
-- rows on a small box; the bench's 1.2M rows: see the report of issue 16). There is no index on
-- the column (decision 0007), so nothing else is rebuilt but the table's own indexes.
CREATE OR REPLACE FUNCTION crm_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    SELECT regexp_replace(
        replace(replace(replace(
            translate(lower(crm_unaccent($1)), '''’‘`´.-‐', ''),
            'ae', 'a'), 'oe', 'o'), 'ue', 'u'),
        '(.)\1+', '\1', 'g')
    $$;

ALTER TABLE "Connection" DROP COLUMN "searchText";
ALTER TABLE "Connection" ADD COLUMN "searchText" TEXT GENERATED ALWAYS AS (
    crm_search_fold(
        "firstName" || ' ' || "lastName" || ' ' || coalesce("position", '') || ' ' || coalesce("company", '')
    )
) STORED;
