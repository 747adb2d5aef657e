-- Typo-tolerant search for 5-letter words by index (issue 13, decisions 0007 and 0014).
-- A 5-letter word one typo away keeps no 3 letters in a row in every case ("weber" → "we?er"),
-- so the trigram index cannot narrow it and its search read all of a team's rows (35–55 ms for
-- 30,000). A 5-letter word now matches a typo as a whole word of the text (words are what the
-- folded searchText holds between spaces), and whole words one typo away can be found by index
-- the way SymSpell does it: a word and each of its one-letter deletions are its keys, and two
-- words one edit apart (a letter wrong, missing, extra, or two neighbours swapped) always share a
-- key. So each row's keys are those of its words of 4 to 6 letters (the lengths one edit from 5),
-- about 20 a row, in a GIN index (~50 MB per 1.2M rows).
--
-- The function is plpgsql (7 µs a row; a SQL body with an aggregate cost 30) and IMMUTABLE, as an
-- index expression must be. It is not SECURITY DEFINER and has no SET search_path (that costs a
-- few µs on every insert): it names every type, function and operator it uses in pg_catalog
-- instead, so a closer match someone created in public or pg_temp can never stand in for them (a
-- pg_temp.text domain made it return no keys: review of issue 13).
CREATE OR REPLACE FUNCTION crm_word_typo_keys(p_text TEXT) RETURNS TEXT[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  keys pg_catalog.text[] := '{}';
  w pg_catalog.text;
  n pg_catalog.int4;
BEGIN
  FOREACH w IN ARRAY pg_catalog.string_to_array(p_text, ' ') LOOP
    n := pg_catalog.char_length(w);
    IF n OPERATOR(pg_catalog.>=) 4 AND n OPERATOR(pg_catalog.<=) 6 THEN
      keys := pg_catalog.array_append(keys, w);
      FOR i IN 1 .. n LOOP
        keys := pg_catalog.array_append(keys, pg_catalog.textcat(pg_catalog.substr(w, 1, i OPERATOR(pg_catalog.-) 1), pg_catalog.substr(w, i OPERATOR(pg_catalog.+) 1)));
      END LOOP;
    END IF;
  END LOOP;
  RETURN keys;
END $$;

CREATE INDEX IF NOT EXISTS "Connection_teamId_wordTypoKeys_idx" ON "Connection" USING GIN ("teamId" text_ops, crm_word_typo_keys("searchText"));

-- The candidate prefilter learns the keys: a group now holds substrings and/or word keys, and a
-- row is in the group when its searchText holds one of the substrings or one of its words shares
-- a key. Everything else is as in 20261205180000_connection_search_prefilter (same checks, same
-- owner-only policy, ids only, the caller's own team only, every value bound).
DROP FUNCTION crm_connection_candidates(TEXT, TEXT[], INTEGER[]);

-- p_needles: substrings as searchText holds them (folded by the caller in SQL); p_group_of[i]: the
-- group of p_needles[i]. p_keys: word keys (crm_word_typo_keys' form); p_key_group_of[i]: the
-- group of p_keys[i]. A NULL needle or key is left out. A needle without three letters or digits
-- in a row has no trigram: its group is dropped (that only widens the result), as is a group with
-- nothing left.
CREATE FUNCTION crm_connection_candidates(p_team TEXT, p_needles TEXT[], p_group_of INTEGER[], p_keys TEXT[], p_key_group_of INTEGER[])
RETURNS SETOF TEXT
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
  scan CONSTANT TEXT := 'SELECT c.id FROM public."Connection" c WHERE c."teamId" = $1 AND ';
  g INTEGER;
BEGIN
  IF p_team IS NULL OR p_team = '' OR p_team IS DISTINCT FROM current_setting('app.team_id', true) THEN
    RAISE EXCEPTION 'crm_connection_candidates: team % is not the transaction''s team (app.team_id)', quote_nullable(left(p_team, 64))
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF n > 24 THEN
    RAISE EXCEPTION 'crm_connection_candidates: % substrings, at most 24', n USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF k > 64 THEN
    RAISE EXCEPTION 'crm_connection_candidates: % word keys, at most 64', k USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF coalesce(cardinality(p_group_of), 0) <> n
     OR (n > 0 AND (array_ndims(p_needles) <> 1 OR array_ndims(p_group_of) <> 1 OR array_lower(p_needles, 1) <> 1 OR array_lower(p_group_of, 1) <> 1)) THEN
    RAISE EXCEPTION 'crm_connection_candidates: one group number per substring, both arrays from 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF coalesce(cardinality(p_key_group_of), 0) <> k
     OR (k > 0 AND (array_ndims(p_keys) <> 1 OR array_ndims(p_key_group_of) <> 1 OR array_lower(p_keys, 1) <> 1 OR array_lower(p_key_group_of, 1) <> 1)) THEN
    RAISE EXCEPTION 'crm_connection_candidates: one group number per word key, both arrays from 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 1 .. n LOOP
    IF p_group_of[i] IS NULL OR p_group_of[i] NOT BETWEEN 1 AND 24 THEN
      RAISE EXCEPTION 'crm_connection_candidates: substring % has no group (1–24)', i USING ERRCODE = 'invalid_parameter_value';
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
      RAISE EXCEPTION 'crm_connection_candidates: word key % has no group (1–24)', i USING ERRCODE = 'invalid_parameter_value';
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
REVOKE ALL ON FUNCTION crm_connection_candidates(TEXT, TEXT[], INTEGER[], TEXT[], INTEGER[]) FROM PUBLIC;
