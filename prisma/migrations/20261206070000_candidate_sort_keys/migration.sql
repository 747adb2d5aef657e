-- Search's candidates carry the columns the table sorts by (issue 13, decision 0014 point 11).
-- A page whose search the prefilter narrows (a typo word, two words, company) was found among its
-- candidates by walking the sort's index to its end with a hash of their ids: the bitmap scan had
-- already read each candidate's row, and the walk then read the team's rows again in order until
-- the page was full ("engineer", most senior first, on a new team: 6,006 candidates, 21,000 rows
-- walked, ~17 ms). With its sort columns, each candidate sorts where it is (6,006 rows: ~2 ms) and
-- only the page's rows are looked up and tested. The columns are what filter/sql.ts SORT_SQL reads;
-- returning them costs the scan nothing measurable (the rows are in hand for the recheck).
--
-- Everything else is crm_connection_candidates as 20261205220000_word_typo_keys made it: the same
-- checks, the caller's own team only (app.team_id), every value bound, pg_catalog and pg_temp on
-- the search_path, EXECUTE for the app role alone (migrate's app-role.ts). It returns a few columns
-- of rows the caller's own policy lets it read, nothing more.
CREATE FUNCTION crm_connection_candidate_keys(p_team TEXT, p_needles TEXT[], p_group_of INTEGER[], p_keys TEXT[], p_key_group_of INTEGER[])
RETURNS TABLE (id TEXT, "firstName" TEXT, "lastName" TEXT, company TEXT, "position" TEXT, seniority TEXT, "connectedOn" DATE, "lastInteractionAt" TIMESTAMP(3))
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
ROWS 1000 AS $$
DECLARE
  n INTEGER := coalesce(cardinality(p_needles), 0);
  k INTEGER := coalesce(cardinality(p_keys), 0);
  patterns TEXT[] := '{}';
  dropped INTEGER[] := '{}';
  groups TEXT[] := '{}';
  ors TEXT[];
  keyrefs TEXT[];
  keyed TEXT[] := '{}';
  scan CONSTANT TEXT := 'SELECT c.id, c."firstName", c."lastName", c.company, c."position", c.seniority, c."connectedOn", c."lastInteractionAt" FROM public."Connection" c WHERE c."teamId" = $1 AND ';
  g INTEGER;
BEGIN
  IF p_team IS NULL OR p_team = '' OR p_team IS DISTINCT FROM current_setting('app.team_id', true) THEN
    RAISE EXCEPTION 'crm_connection_candidate_keys: team % is not the transaction''s team (app.team_id)', quote_nullable(left(p_team, 64))
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF n > 24 THEN
    RAISE EXCEPTION 'crm_connection_candidate_keys: % substrings, at most 24', n USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF k > 64 THEN
    RAISE EXCEPTION 'crm_connection_candidate_keys: % word keys, at most 64', k USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF coalesce(cardinality(p_group_of), 0) <> n
     OR (n > 0 AND (array_ndims(p_needles) <> 1 OR array_ndims(p_group_of) <> 1 OR array_lower(p_needles, 1) <> 1 OR array_lower(p_group_of, 1) <> 1)) THEN
    RAISE EXCEPTION 'crm_connection_candidate_keys: one group number per substring, both arrays from 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF coalesce(cardinality(p_key_group_of), 0) <> k
     OR (k > 0 AND (array_ndims(p_keys) <> 1 OR array_ndims(p_key_group_of) <> 1 OR array_lower(p_keys, 1) <> 1 OR array_lower(p_key_group_of, 1) <> 1)) THEN
    RAISE EXCEPTION 'crm_connection_candidate_keys: one group number per word key, both arrays from 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 1 .. n LOOP
    IF p_group_of[i] IS NULL OR p_group_of[i] NOT BETWEEN 1 AND 24 THEN
      RAISE EXCEPTION 'crm_connection_candidate_keys: substring % has no group (1–24)', i USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- pg_trgm takes trigrams from runs of letters and digits only: a needle without three in a
    -- row ("!?!?!") would make the scan read every row of the team. Its group narrows nothing.
    IF char_length(p_needles[i]) < 3 OR p_needles[i] !~ '[[:alnum:]]{3}' THEN
      dropped := dropped || p_group_of[i];
    END IF;
    -- LIKE's metacharacters escaped (backslash is LIKE's default escape; E'' strings read the
    -- same whatever standard_conforming_strings says). Folding can lengthen text (unaccent reads
    -- "㎈" as "cal"), so a needle is cut to 400 characters rather than refused: its start is
    -- in every row the whole of it is in, and the result only widens.
    patterns := patterns || ('%' || replace(replace(replace(left(p_needles[i], 400), E'\\', E'\\\\'), '%', E'\\%'), '_', E'\\_') || '%');
  END LOOP;
  FOR i IN 1 .. k LOOP
    IF p_key_group_of[i] IS NULL OR p_key_group_of[i] NOT BETWEEN 1 AND 24 THEN
      RAISE EXCEPTION 'crm_connection_candidate_keys: word key % has no group (1–24)', i USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END LOOP;
  -- Groups of substrings only are ANDed in one scan. A group with word keys is two scans, one for
  -- its substrings and one for its keys, UNIONed, then INTERSECTed with the rest: in one scan the
  -- planner filtered with the keys condition, which recomputes crm_word_typo_keys on every row it
  -- tests (~10 µs each), and a trigram match makes its whole page be rechecked, keys included. The
  -- keys' own index needs no recheck. ("maria weber": 31 → 13 ms.)
  FOR g IN SELECT DISTINCT x FROM unnest(p_group_of || p_key_group_of) x WHERE x <> ALL (dropped) ORDER BY x LOOP
    SELECT array_agg(format('c."searchText" LIKE $2[%s]', i) ORDER BY i) INTO ors
      FROM generate_subscripts(p_group_of, 1) i WHERE p_group_of[i] = g AND p_needles[i] IS NOT NULL;
    SELECT array_agg(format('$3[%s]', i) ORDER BY i) INTO keyrefs
      FROM generate_subscripts(p_key_group_of, 1) i WHERE p_key_group_of[i] = g AND p_keys[i] IS NOT NULL;
    IF keyrefs IS NULL THEN
      IF ors IS NOT NULL THEN
        groups := groups || ('(' || array_to_string(ors, ' OR ') || ')');
      END IF;
    ELSE
      keyed := keyed || ('(' || coalesce(scan || '(' || array_to_string(ors, ' OR ') || ') UNION ', '')
        || scan || 'public.crm_word_typo_keys(c."searchText") OPERATOR(pg_catalog.&&) ARRAY[' || array_to_string(keyrefs, ', ') || ']::text[])');
    END IF;
  END LOOP;
  IF cardinality(groups) > 0 OR cardinality(keyed) = 0 THEN
    keyed := (scan || coalesce(nullif(array_to_string(groups, ' AND '), ''), 'true')) || keyed;
  END IF;
  RETURN QUERY EXECUTE array_to_string(keyed, ' INTERSECT ') USING p_team, patterns, p_keys;
END $$;
REVOKE ALL ON FUNCTION crm_connection_candidate_keys(TEXT, TEXT[], INTEGER[], TEXT[], INTEGER[]) FROM PUBLIC;

-- The previous release's web processes still call crm_connection_candidates during a rolling
-- deploy: it stays, as the ids of the function above. Drop it once no release calls it.
CREATE OR REPLACE FUNCTION crm_connection_candidates(p_team TEXT, p_needles TEXT[], p_group_of INTEGER[], p_keys TEXT[], p_key_group_of INTEGER[])
RETURNS SETOF TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
ROWS 1000 AS $$
  SELECT k.id FROM public.crm_connection_candidate_keys(p_team, p_needles, p_group_of, p_keys, p_key_group_of) k
$$;
REVOKE ALL ON FUNCTION crm_connection_candidates(TEXT, TEXT[], INTEGER[], TEXT[], INTEGER[]) FROM PUBLIC;
