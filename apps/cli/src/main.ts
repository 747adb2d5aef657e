import { EnvError } from "@crm/config";
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { COMMANDS, usage } from "./commands";

// `npm run cli -- <command> [options]`. Output meant for scripts goes to stdout (JSON or a single
// value); progress and errors go to stderr. Exit codes: 0 ok, 1 failure, 2 usage error.
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2))
  .catch((err: unknown) => {
    if (err instanceof EnvError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`error: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  })
  .then(async (code) => {
    await Promise.allSettled([disconnectDb(), closeQueues(), closeProducerRedis()]);
    process.exit(code);
  });
