import { ImportFileError, inspectConnections, openArchive, sniffUpload } from "@crm/importer";

export type TInspectResult = {
  format: string;
  rows: number;
  accepted: number;
  rejected: number;
  errors: Array<{ line: number; field: string; code: string; message: string }>;
};

/**
 * The same parsing the import job does, without the database: a CSV is parsed as it is; an archive
 * goes through the same safety checks, then its Connections.csv is parsed. A refused file is
 * reported in the same shape, with one file-level error (line 0, field "(file)").
 */
export async function inspectFile(file: string, bytes: Uint8Array): Promise<{ ok: boolean; result: TInspectResult }> {
  try {
    if (sniffUpload(bytes.subarray(0, 8192)).kind !== "zip") return { ok: true, result: inspectConnections(bytes, file.split("/").pop() ?? file) };
    const archive = await openArchive(file);
    try {
      const entry = archive.entries.connections!;
      const r = inspectConnections(await entry.readAll(), entry.path.split("/").pop() ?? entry.path);
      return { ok: true, result: { ...r, format: r.format === "linkedin-connections" ? "linkedin-archive" : r.format } };
    } finally {
      archive.close();
    }
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    return { ok: false, result: { format: "refused", rows: 0, accepted: 0, rejected: 0, errors: [{ line: 0, field: "(file)", code: e.code, message: e.message }] } };
  }
}
