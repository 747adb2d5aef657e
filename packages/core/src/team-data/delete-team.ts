import { z } from "zod";
import { withTeamSql } from "@crm/db";
import { removeTeamJobs, type TRemovedTeamJobs } from "@crm/jobs";
import { forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";

// Deleting a team: every row of it in one transaction, then every job in Redis that names it.
// Every tenant table reaches Team through ON DELETE CASCADE; a table that does not (a future one)
// is caught by deleting from each table with a "teamId" column as well. Nothing can be audited
// for a team that no longer exists: one stdout line with its id is the trace.

export const ZDeleteTeamInput = z.object({ confirmName: z.string().max(200) });

const TENANT_TABLES = `SELECT c.relname FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'teamId' AND NOT a.attisdropped
 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')`;

export async function deleteTeam(ctx: TTeamContext, raw: z.input<typeof ZDeleteTeamInput>): Promise<{ jobs: TRemovedTeamJobs | null }> {
  if (ctx.role !== "OWNER") throw forbidden("Only an owner can delete the team.");
  const { confirmName } = ZDeleteTeamInput.parse(raw);
  await withTeamSql(ctx.teamId, async (c) => {
    const { rows } = await c.query<{ name: string }>(`SELECT name FROM "Team" WHERE id = $1 FOR UPDATE`, [ctx.teamId]);
    const name = rows[0]?.name;
    if (name === undefined) throw notFound("This team");
    if (confirmName.length === 0) throw invalid("confirmName", "Type the team name to confirm that you want to delete it.");
    if (confirmName !== name) throw invalid("confirmName", `That is not the team's name. Type “${name}” exactly as shown (same capitals and spaces).`);
    // The role as of now, not as of the page load: an owner demoted meanwhile cannot delete.
    const { rows: me } = await c.query<{ role: string }>(`SELECT role FROM "Membership" WHERE "teamId" = $1 AND "userId" = $2`, [ctx.teamId, ctx.userId]);
    if (me[0]?.role !== "OWNER") throw forbidden("Only an owner can delete the team.");
    await c.query(`DELETE FROM "Team" WHERE id = $1`, [ctx.teamId]);
    const { rows: tables } = await c.query<{ relname: string }>(TENANT_TABLES);
    for (const t of tables) await c.query(`DELETE FROM "${t.relname.replace(/"/g, '""')}" WHERE "teamId" = $1`, [ctx.teamId]);
  });
  let jobs: TRemovedTeamJobs | null = null;
  let jobsNote = "";
  try {
    jobs = await removeTeamJobs(ctx.teamId);
    jobsNote = `${jobs.removed} queued jobs and ${jobs.schedulers} schedules removed, ${jobs.active} running`;
  } catch (e) {
    // The rows are gone either way; a job left behind finds no team and ends without retrying.
    jobsNote = `queued jobs not removed: ${(e as Error).message}`;
  }
  console.log(`team deleted: ${ctx.teamId} (${jobsNote})`);
  return { jobs };
}
