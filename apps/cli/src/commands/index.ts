import { parseArgs } from "node:util";
import { serverEnv } from "@crm/config";
import { isDomainError, seedDemo, signUp } from "@crm/core";
import { ensureDatabase, runMigrations } from "@crm/db/migrate";
import { API_KEY_COMMANDS } from "./api-keys";
import { BUDGET_COMMANDS } from "./budget";
import { DIGEST_COMMANDS } from "./digest";
import { QUEUE_COMMANDS } from "./build-queue";
import { IMPORT_COMMANDS } from "./imports";
import { SCORING_COMMANDS } from "./scoring";

export type TCommand = { summary: string; usage: string; run: (args: string[]) => Promise<number> };

const err = (msg: string) => process.stderr.write(`${msg}\n`);

export const COMMANDS: Record<string, TCommand> = {
  migrate: {
    summary: "apply pending migrations to DATABASE_URL (safe from several replicas at once)",
    usage: "migrate\n  Creates the database if missing, applies prisma/migrations in order (recorded in _prisma_migrations),\n  and ensures the app role of APP_DATABASE_URL exists without BYPASSRLS and has its grants.",
    run: async () => {
      const env = serverEnv();
      await ensureDatabase(env.DATABASE_URL);
      await runMigrations({ ownerUrl: env.DATABASE_URL, appUrl: env.APP_DATABASE_URL, log: err });
      return 0;
    },
  },
  seed: {
    summary: "seed data; --demo creates the demo team and login (idempotent)",
    usage: "seed --demo\n  Creates (or finds) the demo login and team, and prints them as JSON.",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { demo: { type: "boolean" } } });
      if (!values.demo) {
        err("seed: nothing to do; pass --demo");
        return 2;
      }
      const r = await seedDemo();
      process.stdout.write(`${JSON.stringify(r)}\n`);
      err(`demo: sign in at ${serverEnv().APP_URL}/sign-in as ${r.email} / ${r.password}`);
      return 0;
    },
  },
  "create-user": {
    summary: "create a user with their own team; prints the team's slug",
    usage: "create-user --email E --password P --team-name N [--name NAME]",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { email: { type: "string" }, password: { type: "string" }, "team-name": { type: "string" }, name: { type: "string" } } });
      if (!values.email || !values.password || !values["team-name"]) {
        err("create-user: --email, --password and --team-name are required");
        return 2;
      }
      try {
        const r = await signUp({ email: values.email, password: values.password, teamName: values["team-name"], name: values.name ?? values.email.split("@")[0]! });
        process.stdout.write(`${r.team.slug}\n`);
        return 0;
      } catch (e) {
        if (isDomainError(e)) {
          err(`create-user: ${e.details.field ? `${e.details.field}: ` : ""}${e.message}`);
          return 1;
        }
        throw e;
      }
    },
  },
  ...IMPORT_COMMANDS,
  ...SCORING_COMMANDS,
  ...API_KEY_COMMANDS,
  ...QUEUE_COMMANDS,
  ...BUDGET_COMMANDS,
  ...DIGEST_COMMANDS,
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun "npm run cli -- <command> --help" for a command's options.\n`;
}
