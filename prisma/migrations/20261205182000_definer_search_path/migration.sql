-- A plpgsql body resolves function and operator names each time it runs, so with public on its
-- search_path, a function the app role could create there with a closer signature (public.format
-- over pg_catalog.format) would run as the owner. A fresh Postgres 15 database gives the app role
-- no CREATE on public, but one upgraded from 14 still does. The body names only pg_catalog objects
-- and qualifies its table: pg_catalog, then pg_temp. (The SQL-standard BEGIN ATOMIC definers bind
-- their names when created and are not affected.) Security review of issue 13.
ALTER FUNCTION crm_analyze_after_bulk(TEXT) SET search_path = pg_catalog, pg_temp;
