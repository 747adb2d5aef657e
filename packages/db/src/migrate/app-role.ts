import pg from "pg";

// The app connects as a role that owns nothing and cannot bypass row-level security; that is what
// makes the RLS policies in the migrations a real wall rather than a suggestion.

const { escapeIdentifier: ident, escapeLiteral: literal } = pg;

interface TRoleRow {
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcanlogin: boolean;
}

class AppRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AppRoleError";
  }
}

function code(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Makes sure the role named in `appUrl` exists, can log in, is neither superuser nor BYPASSRLS,
 * owns nothing in the schema, and has exactly the DML rights the app needs. `client` is connected
 * as the schema owner. Idempotent; safe to run on every deploy.
 */
export async function ensureAppRole(client: pg.Client, appUrl: string): Promise<void> {
  const url = new URL(appUrl);
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!role) throw new AppRoleError("APP_DATABASE_URL names no user");

  const { rows: ctx } = await client.query<{ owner: string; db: string; schema: string }>(
    "SELECT current_user AS owner, current_database() AS db, current_schema() AS schema",
  );
  const { owner, db, schema } = ctx[0] ?? { owner: "", db: "", schema: "public" };
  if (role === owner) {
    throw new AppRoleError(
      `APP_DATABASE_URL connects as ${role}, the same role as DATABASE_URL; the owner is exempt from ` +
        "row-level security, so the app must use a different role",
    );
  }

  await ensureRoleAttributes(client, role, password);
  await ensureRoleSettings(client, role, db);
  await assertOwnsNothing(client, role, owner, schema);

  const r = ident(role);
  const s = ident(schema);
  await client.query("BEGIN");
  try {
    await client.query(`GRANT CONNECT ON DATABASE ${ident(db)} TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    // The history is the owner's business; the app has no reason to read or forge it.
    await client.query(`REVOKE ALL ON TABLE ${s}._prisma_migrations FROM ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    // The owner-side functions the app may call (SECURITY DEFINER, EXECUTE revoked from PUBLIC by
    // their migrations): the planner's sweep, the statistics refresh, the mail scheduler's sweeps
    // and search's candidate prefilter.
    for (const fn of [
      "crm_removal_plans_due(timestamptz, text, integer)",
      "crm_analyze_after_bulk(text)",
      "crm_digests_due(timestamptz, text, text, integer)",
      "crm_daily_summaries_due(timestamptz, text, text, integer)",
      "crm_reminder_teams_due(timestamptz, text, integer)",
      "crm_notification_mail_due(text, integer)",
      "crm_connection_candidates(text, text[], integer[], text[], integer[])",
      "crm_connection_candidate_keys(text, text[], integer[], text[], integer[])",
    ]) {
      await client.query(`GRANT EXECUTE ON FUNCTION ${s}.${fn} TO ${r}`);
    }
    // Tables a later migration creates (as the owner, i.e. current_user) are covered too.
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }

  await verifyLogin(client, appUrl, role, password);
}

async function ensureRoleAttributes(client: pg.Client, role: string, password: string): Promise<void> {
  const find = () =>
    client.query<TRoleRow>("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1", [role]);
  let { rows } = await find();
  if (!rows[0]) {
    const pw = password ? ` PASSWORD ${literal(password)}` : "";
    try {
      await client.query(`CREATE ROLE ${ident(role)} LOGIN${pw} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
      return;
    } catch (err) {
      // Roles are cluster-wide: a migration of another database may have just created it
      // (42710, or 23505 when both inserts raced on the catalog's unique index).
      if (code(err) === "42501") {
        throw new AppRoleError(
          `cannot create the app role ${role}: the migrating role lacks CREATEROLE. Create it once as an admin: ` +
            `CREATE ROLE ${ident(role)} LOGIN PASSWORD '...' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`,
        );
      }
      if (code(err) !== "42710" && code(err) !== "23505") throw err;
      ({ rows } = await find());
    }
  }
  const cur = rows[0];
  if (cur && (cur.rolsuper || cur.rolbypassrls || !cur.rolcanlogin)) {
    // Only touch the role when it is wrong: ALTER ROLE on a shared catalog row races with
    // migrations of other databases on the same server.
    await client.query(`ALTER ROLE ${ident(role)} LOGIN NOSUPERUSER NOBYPASSRLS`);
  }
}

/**
 * The session settings every pool asks for in its startup `options` (client.ts, raw-tx.ts),
 * also set on the role in this database: PgBouncer refuses a startup `options` parameter, or
 * drops it when told to ignore it, so behind it only these apply (issue 14). Only written when
 * missing, like the attributes above. Setting them needs CREATEROLE; without it, a warning.
 */
async function ensureRoleSettings(client: pg.Client, role: string, db: string): Promise<void> {
  const want: Array<[string, string]> = [["jit", "off"], ["TimeZone", "UTC"]];
  const { rows } = await client.query<{ setconfig: string[] | null }>(
    `SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole JOIN pg_database d ON d.oid = s.setdatabase
      WHERE r.rolname = $1 AND d.datname = $2`,
    [role, db],
  );
  const have = new Set(rows[0]?.setconfig ?? []);
  for (const [name, value] of want) {
    if (have.has(`${name}=${value}`)) continue;
    try {
      await client.query(`ALTER ROLE ${ident(role)} IN DATABASE ${ident(db)} SET ${ident(name)} = ${literal(value)}`);
    } catch (err) {
      if (code(err) === "42501") {
        console.warn(`migrate: cannot set ${name} = ${value} on ${role} (needs CREATEROLE); behind PgBouncer set it as an admin: ALTER ROLE ${ident(role)} IN DATABASE ${ident(db)} SET ${ident(name)} = ${literal(value)}`);
      } else if (code(err) !== "23505" && code(err) !== "XX000") {
        throw err; // 23505 / XX000 "tuple concurrently updated": another migration of this database set it
      }
    }
  }
}

async function assertOwnsNothing(client: pg.Client, role: string, owner: string, schema: string): Promise<void> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(c.relowner) = $2 ORDER BY c.relname`,
    [schema, role],
  );
  if (rows.length > 0) {
    throw new AppRoleError(
      `the app role ${role} owns ${rows.map((r) => r.relname).join(", ")}; an owner can switch row-level ` +
        `security off. Give them back to the owner: ALTER TABLE ... OWNER TO ${ident(owner)}`,
    );
  }
  const { rows: member } = await client.query<{ member: boolean }>("SELECT pg_has_role($1, $2, 'MEMBER') AS member", [
    role,
    owner,
  ]);
  if (member[0]?.member) {
    throw new AppRoleError(`the app role ${role} is a member of the owner role ${owner} and so inherits its rights`);
  }
}

// "Can log in" is checked by logging in: a password changed on the server but not in
// APP_DATABASE_URL is put back, anything else (pg_hba.conf, wrong host) is reported.
async function verifyLogin(owner: pg.Client, appUrl: string, role: string, password: string): Promise<void> {
  const attempt = async () => {
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    await c.end();
  };
  try {
    await attempt();
  } catch (err) {
    if (code(err) !== "28P01" || !password) {
      throw new AppRoleError(`the app role ${role} cannot connect: ${err instanceof Error ? err.message : String(err)}`);
    }
    await owner.query(`ALTER ROLE ${ident(role)} PASSWORD ${literal(password)}`);
    await attempt();
  }
}
