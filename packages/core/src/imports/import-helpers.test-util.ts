import { Readable } from "node:stream";
import type { TTeamContext } from "../teams/membership";
import { createLinkedInAccount } from "../accounts/accounts";
import { confirmImportScope } from "./confirm-import";
import { processImport } from "./process-import";
import { receiveUpload } from "./upload";

// Shared by the import integration tests: upload through the same path as the web, then run the
// job processor in-process (as the CLI does).

export async function addAccount(ctx: TTeamContext, label = `Net ${Math.random().toString(36).slice(2, 7)}`) {
  return (await createLinkedInAccount(ctx, { label, ownerUserId: ctx.userId, timeZone: "Europe/Berlin" })).id;
}

export async function importBytes(ctx: TTeamContext, accountId: string, bytes: string | Uint8Array, fileName = "Connections.csv") {
  const buf = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes);
  const { importId } = await receiveUpload(ctx, { accountId, fileName, body: Readable.from([buf]), declaredBytes: buf.length }, { queue: false });
  return processImport(ctx.teamId, importId);
}

/** Like importBytes, answering "it is my whole network" if the import stops to ask. */
export async function importWholeNetwork(ctx: TTeamContext, accountId: string, bytes: string | Uint8Array, fileName = "Connections.csv") {
  const first = await importBytes(ctx, accountId, bytes, fileName);
  if (first.status !== "NEEDS_CONFIRMATION") return first;
  await confirmImportScope(ctx, first.importId, "whole", { queue: false });
  return processImport(ctx.teamId, first.importId);
}

export const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
export const PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';

/** A small 2023+ Connections.csv from [slug, company, position] triples. */
export function csvOf(people: Array<[string, string, string]>, extra: string[] = []): string {
  const rows = people.map(([slug, company, position]) => `${slug.split("-")[0]},${slug.split("-")[1] ?? "X"},https://www.linkedin.com/in/${slug},,${company},${position},12 Jan 2024`);
  return PREAMBLE + [HEADER, ...rows, ...extra].join("\n");
}
