-- Planner statistics after bulk writes (docs/decisions/0011). A team that has just imported
-- 30,000 connections (and been scored and queued) is unknown to the table's statistics until
-- autovacuum's ANALYZE comes round: the planner takes it for a team of one row and picks plans
-- that scan all its rows for a one-item write (a decision took 125 ms instead of 15). The app role
-- may not ANALYZE (it owns nothing), so the worker's `stats.analyze` job asks this function, which
-- runs as the owner, for exactly the bulk-written tables, at most once a minute per table; when
-- autovacuum holds the table it gives up after 2 s (autovacuum is refreshing it anyway). Names are
-- qualified and pg_temp is searched last: nothing a caller creates can stand in for them.
CREATE FUNCTION crm_analyze_after_bulk(p_table TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET lock_timeout = '2s' AS $$
DECLARE
  last_done TIMESTAMPTZ;
BEGIN
  IF p_table NOT IN ('Connection', 'IcpScore', 'ReviewItem') THEN
    RAISE EXCEPTION 'crm_analyze_after_bulk: "%" is not one of the bulk-written tables', p_table;
  END IF;
  SELECT greatest(last_analyze, last_autoanalyze) INTO last_done
    FROM pg_catalog.pg_stat_user_tables WHERE schemaname = 'public' AND relname = p_table;
  IF last_done IS NOT NULL AND last_done > clock_timestamp() - interval '60 seconds' THEN
    RETURN false;
  END IF;
  EXECUTE format('ANALYZE public.%I', p_table);
  RETURN true;
EXCEPTION WHEN lock_not_available THEN
  RETURN false;
END $$;
-- Not PUBLIC: migrate grants EXECUTE to the app role alone (app-role.ts).
REVOKE ALL ON FUNCTION crm_analyze_after_bulk(TEXT) FROM PUBLIC;
