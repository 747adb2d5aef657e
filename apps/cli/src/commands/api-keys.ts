import { parseArgs } from "node:util";
import { createApiKeyForTeam, isDomainError, type TApiKeyScope } from "@crm/core";
import type { TCommand } from "./index";

const err = (msg: string) => process.stderr.write(`${msg}\n`);
const SCOPES: Record<string, TApiKeyScope> = { read: "READ", "read-write": "READ_WRITE" };

export const API_KEY_COMMANDS: Record<string, TCommand> = {
  "create-api-key": {
    summary: "create a team API key; prints only the key (it cannot be shown again)",
    usage:
      "create-api-key --team <slug> --scope read|read-write [--name <text>]\n  Created as the team's first owner and listed in the team's settings. stdout is the key alone,\n  so `KEY=$(npm run -s cli -- create-api-key ...)` works; use it as `Authorization: Bearer <key>`.",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { team: { type: "string" }, scope: { type: "string" }, name: { type: "string" } } });
      const scope = SCOPES[values.scope ?? ""];
      if (!values.team || !scope) {
        err("create-api-key: --team and --scope (read or read-write) are required");
        return 2;
      }
      try {
        const key = await createApiKeyForTeam(values.team, scope, values.name ?? `CLI key (${new Date().toISOString().slice(0, 10)})`);
        process.stdout.write(`${key.secret}\n`);
        err(`create-api-key: created "${key.name}" (${key.prefix}…, ${values.scope}) for ${values.team}`);
        return 0;
      } catch (e) {
        if (isDomainError(e)) {
          err(`create-api-key: ${e.details.field ? `${e.details.field}: ` : ""}${e.message}`);
          return 1;
        }
        throw e;
      }
    },
  },
};
