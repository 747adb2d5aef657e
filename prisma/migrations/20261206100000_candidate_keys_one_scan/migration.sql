-- Search's candidates: a typo-tolerant 5-letter word's group is one scan (issue 13, decision 0014
-- point 12). Its substrings and its word keys were two scans UNIONed: each candidate's row was read
-- twice and the union hashed all eight columns of every row ("vp sales": 2,337 candidates, 12 ms of
-- the function's time; now 5). One scan with both conditions ORed reads the two indexes into one
-- bitmap and each row once.
--
-- Everything else is as 20261206070000_candidate_sort_keys made it: the same signature, checks and
-- result; the caller's own team only (app.team_id), every value bound, pg_catalog and pg_temp on
-- the search_path. CREATE OR REPLACE keeps the owner and EXECUTE for the app role alone.
CREATE OR REPLACE FUNCTION crm_connection_candidate_keys(p_team TEXT, p_needles TEXT[], p_group_of INTEGER[], p_keys TEXT[], p_key_group_of INTEGER[])
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
  -- Groups of substrings only are ANDed in one scan. A group with word keys is a scan of its own
  -- (its substrings OR its keys: a BitmapOr of the two indexes, one pass over the heap), then
  -- INTERSECTed with the rest: in one scan with the other groups the planner filtered with the
  -- keys condition, which recomputes crm_word_typo_keys on every row it tests (~10 µs each). Here
  -- the recheck computes the keys only where a trigram match turns out to hold no substring (or a
  -- bitmap page went lossy); rows the keys' index found alone are not rechecked. (Two scans
  -- UNIONed read each row twice and hashed all its columns: "sales", 2,337 rows, 12 → 5 ms.)
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
      keyed := keyed || (scan || '(' || coalesce(array_to_string(ors, ' OR ') || ' OR ', '')
        || 'public.crm_word_typo_keys(c."searchText") OPERATOR(pg_catalog.&&) ARRAY[' || array_to_string(keyrefs, ', ') || ']::text[])');
    END IF;
  END LOOP;
  IF cardinality(groups) > 0 OR cardinality(keyed) = 0 THEN
    keyed := (scan || coalesce(nullif(array_to_string(groups, ' AND '), ''), 'true')) || keyed;
  END IF;
  RETURN QUERY EXECUTE array_to_string(keyed, ' INTERSECT ') USING p_team, patterns, p_keys;
END $$;
