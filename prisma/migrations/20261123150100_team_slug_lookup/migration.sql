-- Operators (the CLI) name a team by its slug. This lets a transaction that states the slug it is
-- looking for (app.team_slug) read that one Team row, and nothing else; every other table still
-- needs app.team_id. See findTeamBySlug() in packages/db/src/tenant.ts.
CREATE POLICY team_slug_lookup ON "Team" FOR SELECT
    USING ("slug" = current_setting('app.team_slug', true));
