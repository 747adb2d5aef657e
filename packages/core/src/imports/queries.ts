import { withTeam } from "@crm/db";
import { CSV_BOM, csvRecords } from "../csv/safe-csv";
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

/** Rows left out (kind "rejected") or, with `kind: "warning"`, accepted rows with a field left blank. */
export async function listRejections(ctx: TTeamContext, importId: string, opts: { take?: number; kind?: "rejected" | "warning" } = {}): Promise<TRejection[]> {
  return withTeam(ctx.teamId, async (tx) => {
    const found = await tx.import.count({ where: { id: importId, teamId: ctx.teamId } });
    if (!found) throw notFound("This import");
    return tx.importRejection.findMany({
      where: { teamId: ctx.teamId, importId, kind: opts.kind ?? "rejected" },
      orderBy: { seq: "asc" },
      take: opts.take,
      select: { file: true, line: true, field: true, code: true, message: true, raw: true },
    });
  });
}

export { neutralizeFormula } from "../csv/safe-csv";

/**
 * The rejected rows as CSV: where, which field and why, then the row's own fields as they were in
 * the file, so the user can fix them and upload again. UTF-8 with BOM for spreadsheet apps.
 */
export async function rejectedRowsCsv(ctx: TTeamContext, importId: string): Promise<string> {
  const { details } = await getImport(ctx, importId);
  const rows = await listRejections(ctx, importId);
  const width = Math.max(0, ...rows.map((r) => r.raw.length));
  // Imports before fileHeaders existed kept the connections file's headers only; its rows come first.
  const headers = details.fileHeaders ?? (details.headers && rows[0] ? { [rows[0].file]: details.headers } : {});
  const header = ["File", "Line", "Field", "Problem", "Message", ...columnLabels(rows, headers, width)];
  const body = rows.map((r) => [r.file, String(r.line), r.field, r.code, r.message, ...r.raw]);
  return CSV_BOM + csvRecords([header, ...body]);
}

/**
 * The file's own header names for the raw columns. Rows from several files (an archive) can name
 * a column differently: the label then lists each name once ("First Name / FROM").
 */
function columnLabels(rows: TRejection[], headers: Record<string, string[]>, width: number): string[] {
  const files = [...new Set(rows.map((r) => r.file))];
  return Array.from({ length: width }, (_, i) => {
    const names = [...new Set(files.map((f) => headers[f]?.[i]).filter((h): h is string => !!h))];
    return names.length > 0 ? names.join(" / ") : `Column ${i + 1}`;
  });
}
