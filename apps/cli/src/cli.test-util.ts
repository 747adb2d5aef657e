import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { signUp } from "@crm/core";
import { disconnectDb } from "@crm/db";
import { prepareTestDatabase, type TDatabaseUrls } from "@crm/db/testing";

// The operator commands are tested as a user runs them: a child process, against the test database.

export type TCliResult = { code: number; stdout: string; stderr: string };

const main = join(import.meta.dirname, "main.ts");

/** Runs `npm run cli -- <args>` with `env` on top of this process's; a failure is a result, never a throw. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, stdin?: string): Promise<TCliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["--import", "tsx", main, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? "");
  });
}

/** What points a CLI run at the test database; a queue prefix of its own keeps its jobs apart from other tests'. */
export function testDatabaseEnv(urls: TDatabaseUrls): Record<string, string> {
  return { DATABASE_URL: urls.ownerUrl, APP_DATABASE_URL: urls.appUrl, QUEUE_PREFIX: `{crm-test-${randomUUID()}}` };
}

type TCliHarness = {
  /** Runs the CLI against the test database. */
  cli: (...args: string[]) => Promise<TCliResult>;
  /** A scratch folder for files to import, removed after the tests. */
  readonly dir: string;
  /** The slug of a fresh team (its owner signed up in beforeAll). */
  readonly slug: string;
};

/**
 * Registers beforeAll/afterAll for a CLI test file: the test database, a scratch folder and a
 * fresh team. `name` keeps the team, its owner and the folder apart from other files' (e.g. "queue").
 */
export function useCliHarness(name: string): TCliHarness {
  let urls: TDatabaseUrls | undefined;
  let dir = "";
  let slug = "";
  beforeAll(async () => {
    urls = await prepareTestDatabase();
    resetServerEnvForTests();
    dir = await mkdtemp(join(tmpdir(), `crm-cli-${name}-`));
    const email = `cli-${name}-${randomUUID()}@example.test`;
    ({ team: { slug } } = await signUp({ name: `Cli ${name} owner`, email, password: `cli ${name} passphrase 2026`, teamName: `Cli ${name} team` }));
  });
  afterAll(async () => {
    await disconnectDb();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    cli: (...args) => {
      if (!urls) throw new Error("useCliHarness: the CLI ran before beforeAll prepared the test database.");
      return runCli(args, testDatabaseEnv(urls));
    },
    get dir() {
      return dir;
    },
    get slug() {
      return slug;
    },
  };
}
