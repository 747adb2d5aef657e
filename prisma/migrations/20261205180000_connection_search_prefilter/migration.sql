-- Search's candidate prefilter (issue 13, decision 0007). Row-level security keeps LIKE and
-- pg_trgm's operators (not leakproof) from using an index for the app role, so a search read all
-- of the team's rows (30–50 ms for 30,000). This owner-side function is the narrow way past it:
-- given the team's id and substrings, it answers from the GIN trigram index (about 1 ms) with the
-- ids of the team's connections whose searchText holds every group (a group: any one of its
-- substrings). The app's statement still applies the exact search conditions to those ids, so the
-- function may return more rows, never fewer. It returns ids only, and only for the team the
-- transaction is already scoped to (app.team_id, set by withTeam), so it shows nothing the caller
-- could not read anyway. Its SQL text depends only on how many substrings each group has; the
-- substrings themselves are bound. Its search_path is pg_catalog and then pg_temp only: a plpgsql
-- body resolves names when it runs, so a function or operator the app role could create in public
-- (format, ||) must never be on it. EXECUTE: not PUBLIC; migrate grants it to the app role alone
-- (app-role.ts).
--
-- Cost: the index (about 63 MB per 1.2M rows when last measured) is maintained by every import
-- (figures in the report of issue 13).
CREATE INDEX "Connection_teamId_searchText_idx" ON "Connection" USING GIN ("teamId" text_ops, "searchText" gin_trgm_ops);

-- The function runs as its owner (the migrating role), which need not be a superuser and is then
-- subject to the table's FORCE ROW LEVEL SECURITY: a read-only policy for that role alone lets it
-- see the rows (as removal_plan_sweep does for the day planner). It must not be the tenant policy
-- itself: that condition is checked before any non-leakproof one, which would keep LIKE off the
-- index again.
CREATE POLICY connection_search_prefilter ON "Connection" FOR SELECT TO CURRENT_USER USING (true);

-- p_needles are substrings as searchText holds them (already folded by crm_search_fold: the
-- caller folds in SQL, so both sides always agree); p_group_of[i] is the group of p_needles[i].
-- A NULL needle is left out of its group. A needle under 3 characters has no trigram, and a
-- trigram scan without one reads the whole index: its group is dropped, as is a group with no
-- needle left, which only widens the result. With no group left, the team's ids.
CREATE FUNCTION crm_connection_candidates(p_team TEXT, p_needles TEXT[], p_group_of INTEGER[])
RETURNS SETOF TEXT
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
ROWS 1000 AS $$
DECLARE
  n INTEGER := coalesce(cardinality(p_needles), 0);
  patterns TEXT[] := '{}';
  dropped INTEGER[] := '{}';
  groups TEXT[] := '{}';
  ors TEXT[];
  g INTEGER;
BEGIN
  IF p_team IS NULL OR p_team = '' OR p_team IS DISTINCT FROM current_setting('app.team_id', true) THEN
    RAISE EXCEPTION 'crm_connection_candidates: team % is not the transaction''s team (app.team_id)', quote_nullable(left(p_team, 64))
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF n > 24 THEN
    RAISE EXCEPTION 'crm_connection_candidates: % substrings, at most 24', n USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF coalesce(cardinality(p_group_of), 0) <> n
     OR (n > 0 AND (array_ndims(p_needles) <> 1 OR array_ndims(p_group_of) <> 1 OR array_lower(p_needles, 1) <> 1 OR array_lower(p_group_of, 1) <> 1)) THEN
    RAISE EXCEPTION 'crm_connection_candidates: one group number per substring, both arrays from 1' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 1 .. n LOOP
    IF p_group_of[i] IS NULL OR p_group_of[i] NOT BETWEEN 1 AND 24 THEN
      RAISE EXCEPTION 'crm_connection_candidates: substring % has no group (1–24)', i USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF char_length(p_needles[i]) < 3 THEN
      dropped := dropped || p_group_of[i];
    END IF;
    -- LIKE's metacharacters escaped (backslash is LIKE's default escape; E'' strings read the
    -- same whatever standard_conforming_strings says). Folding can lengthen text (unaccent reads
    -- "㎈" as "cal"), so a needle is cut to 400 characters rather than refused: its start is
    -- in every row the whole of it is in, and the result only widens.
    patterns := patterns || ('%' || replace(replace(replace(left(p_needles[i], 400), E'\\', E'\\\\'), '%', E'\\%'), '_', E'\\_') || '%');
  END LOOP;
  FOR g IN SELECT DISTINCT x FROM unnest(p_group_of) x WHERE x <> ALL (dropped) ORDER BY x LOOP
    SELECT array_agg(format('c."searchText" LIKE $2[%s]', i) ORDER BY i) INTO ors
      FROM generate_subscripts(p_group_of, 1) i WHERE p_group_of[i] = g AND p_needles[i] IS NOT NULL;
    IF ors IS NOT NULL THEN
      groups := groups || ('(' || array_to_string(ors, ' OR ') || ')');
    END IF;
  END LOOP;
  RETURN QUERY EXECUTE 'SELECT c.id FROM public."Connection" c WHERE c."teamId" = $1'
    || coalesce(' AND ' || nullif(array_to_string(groups, ' AND '), ''), '')
    USING p_team, patterns;
END $$;
REVOKE ALL ON FUNCTION crm_connection_candidates(TEXT, TEXT[], INTEGER[]) FROM PUBLIC;
