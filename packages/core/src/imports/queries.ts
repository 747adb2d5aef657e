import { stringify } from "csv-stringify/sync";
import { withTeam } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { toSummary, type TImportSummary } from "./summary";

export async function getImport(ctx: TTeamContext, importId: string): Promise<TImportSummary & { accountLabel: string }> {
  const row = await withTeam(ctx.teamId, (tx) =>
    tx.import.findFirst({ where: { id: importId, teamId: ctx.teamId }, include: { account: { select: { label: true } } } }),
  );
  if (!row) throw notFound("This import");
  return { ...toSummary(row), accountLabel: row.account.label };
}

export async function listImports(ctx: TTeamContext, accountId: string, take = 50): Promise<TImportSummary[]> {
  const rows = await withTeam(ctx.teamId, (tx) =>
    tx.import.findMany({ where: { teamId: ctx.teamId, accountId }, orderBy: { createdAt: "desc" }, take }),
  );
  return rows.map(toSummary);
}

export type TRejection = { file: string; line: number; field: string; code: string; message: string; raw: string[] };

export async function listRejections(ctx: TTeamContext, importId: string, opts: { take?: number } = {}): Promise<TRejection[]> {
  return withTeam(ctx.teamId, async (tx) => {
    const found = await tx.import.count({ where: { id: importId, teamId: ctx.teamId } });
    if (!found) throw notFound("This import");
    return tx.importRejection.findMany({
      where: { teamId: ctx.teamId, importId },
      orderBy: { seq: "asc" },
      take: opts.take,
      select: { file: true, line: true, field: true, code: true, message: true, raw: true },
    });
  });
}

/** Spreadsheet apps run cells starting with these as formulas; a leading ' keeps them text. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The rejected rows as CSV: where, which field and why, then the row's own fields as they were in
 * the file, so the user can fix them and upload again. UTF-8 with BOM for spreadsheet apps.
 */
export async function rejectedRowsCsv(ctx: TTeamContext, importId: string): Promise<string> {
  const rows = await listRejections(ctx, importId);
  const width = Math.max(0, ...rows.map((r) => r.raw.length));
  const header = ["File", "Line", "Field", "Problem", "Message", ...Array.from({ length: width }, (_, i) => `Column ${i + 1}`)];
  const body = rows.map((r) => [r.file, String(r.line), r.field, r.code, r.message, ...r.raw].map(neutralizeFormula));
  return "\uFEFF" + stringify([header, ...body], { record_delimiter: "\r\n" });
}
