import { parseArgs } from "node:util";
import { isDomainError, operatorTeamContext, previewDigestText, sendDigestForMember } from "@crm/core";
import type { TCommand } from "./index";

const err = (msg: string) => process.stderr.write(`${msg}\n`);

export const DIGEST_COMMANDS: Record<string, TCommand> = {
  digest: {
    summary: "send (or --dry-run: print) a member's weekly digest for the current period",
    usage:
      "digest --user <email> --team <slug> [--dry-run]\n  The member's current period is their latest digest slot (weekday, hour and zone from their preferences).\n  --dry-run prints the plain-text part and sends nothing. Otherwise the digest goes through the outbox\n  exactly once (as the scheduler would send it) and the command prints {\"sent\":true|false,\"reason\":\"...\"}.",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { user: { type: "string" }, team: { type: "string" }, "dry-run": { type: "boolean" } } });
      if (!values.user || !values.team) {
        err("digest: --user <email> and --team <slug> are required");
        return 2;
      }
      try {
        const ctx = await operatorTeamContext(values.team, values.user);
        if (values["dry-run"]) {
          process.stdout.write(await previewDigestText(ctx));
          return 0;
        }
        const r = await sendDigestForMember(ctx, values.user.trim().toLowerCase());
        process.stdout.write(`${JSON.stringify({ sent: r.sent, reason: r.reason })}\n`);
        return 0;
      } catch (e) {
        if (isDomainError(e)) {
          err(`digest: ${e.message}`);
          return 1;
        }
        throw e;
      }
    },
  },
};
