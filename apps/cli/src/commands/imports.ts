import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  countsOf,
  createLinkedInAccount,
  findAccountByLabel,
  isDomainError,
  listMembers,
  operatorTeamContext,
  processImport,
  receiveUpload,
} from "@crm/core";
import { inspectFile } from "./inspect-file";
import type { TCommand } from "./index";

const err = (msg: string) => process.stderr.write(`${msg}\n`);
const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

/** Domain errors are the user's to fix: print the message, exit 1. */
async function friendly(name: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (isDomainError(e)) {
      err(`${name}: ${e.details.field ? `${e.details.field}: ` : ""}${e.message}`);
      return 1;
    }
    throw e;
  }
}

export const IMPORT_COMMANDS: Record<string, TCommand> = {
  inspect: {
    summary: "parse an export file (CSV or ZIP) without touching the database; prints JSON",
    usage:
      'inspect <file>\n  Prints {"format","rows","accepted","rejected","errors":[{"line","field","code","message"}]}.\n  rows = data rows found; accepted + rejected = rows. Exit 1 when the file itself is refused.',
    run: async (args) => {
      const file = args.find((a) => !a.startsWith("-"));
      if (!file) {
        err("inspect: give a file");
        return 2;
      }
      const r = await inspectFile(file, await readFile(file));
      out(r.result);
      return r.ok ? 0 : 1;
    },
  },
  "add-account": {
    summary: "add a LinkedIn account (network) to a team",
    usage: "add-account --team <slug> --label <label> [--owner <email>] [--time-zone <IANA zone>] [--new]\n  Without --owner, the team's first owner owns it. Prints the account as JSON.",
    run: (args) =>
      friendly("add-account", async () => {
        const { values } = parseArgs({ args, options: { team: { type: "string" }, label: { type: "string" }, owner: { type: "string" }, "time-zone": { type: "string" }, new: { type: "boolean" } } });
        if (!values.team || !values.label) {
          err("add-account: --team and --label are required");
          return 2;
        }
        const ctx = await operatorTeamContext(values.team);
        let ownerUserId = ctx.userId;
        if (values.owner) {
          const m = (await listMembers(ctx)).find((x) => x.email === values.owner!.trim().toLowerCase());
          if (!m) {
            err(`add-account: ${values.owner} is not a member of ${values.team}`);
            return 1;
          }
          ownerUserId = m.userId;
        }
        const timeZone = values["time-zone"] ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
        const { id } = await createLinkedInAccount(ctx, { label: values.label, ownerUserId, timeZone, isNew: values.new ?? false });
        out({ id, label: values.label.trim(), team: values.team, timeZone });
        return 0;
      }),
  },
  import: {
    summary: "import an export into an account, in-process, via the worker's own job processor",
    usage:
      'import <file> --team <slug> --account <label> [--partial | --whole-network]\n  Stores the file as the web upload does, runs the import job here, and prints\n  {"new","updated","unchanged","jobChanges","gone","rejected"}. Exit 1 if the import failed.\n' +
      "  A file from another tool, or one that would mark many people gone, stops unless you say what it is:\n" +
      "  --partial (add and update, mark no one gone) or --whole-network (mark everyone not in it gone).",
    run: (args) =>
      friendly("import", async () => {
        const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { team: { type: "string" }, account: { type: "string" }, partial: { type: "boolean" }, "whole-network": { type: "boolean" } } });
        const file = positionals[0];
        if (!file || !values.team || !values.account) {
          err("import: <file>, --team and --account are required");
          return 2;
        }
        if (values.partial && values["whole-network"]) {
          err("import: give --partial or --whole-network, not both");
          return 2;
        }
        const scope = values.partial ? "partial" : values["whole-network"] ? "whole" : undefined;
        const ctx = await operatorTeamContext(values.team);
        const account = await findAccountByLabel(ctx, values.account);
        const { size } = await stat(file);
        const { importId } = await receiveUpload(
          ctx,
          { accountId: account.id, fileName: path.basename(file), body: createReadStream(file), declaredBytes: size },
          { queue: false },
        );
        const s = await processImport(ctx.teamId, importId, { scope });
        if (s.status === "NEEDS_MAPPING") {
          err(`import: the columns of ${path.basename(file)} were not recognised (${(s.details.headers ?? []).join(", ")}); map them in the web app: /t/${ctx.slug}/imports/${importId}`);
          return 1;
        }
        if (s.status === "NEEDS_CONFIRMATION" && s.details.confirmation) {
          const c = s.details.confirmation;
          err(
            `import: ${path.basename(file)} has ${c.filePeople} people; the account has ${c.accountConnected} connected, so applying it as the whole network would mark ${c.wouldGo} gone` +
              `${c.reason === "other_tool" ? ` (and it is a ${c.format} file, not a LinkedIn connections export)` : ""}. ` +
              `Nothing was changed. Run again with --partial (mark no one gone) or --whole-network, or answer in the web app: /t/${ctx.slug}/imports/${importId}`,
          );
          return 1;
        }
        if (s.status !== "COMPLETED") {
          err(`import: ${s.error ?? `ended as ${s.status}`}`);
          if (s.rejected) out(countsOf(s));
          return 1;
        }
        out(countsOf(s));
        return 0;
      }),
  },
};
