import type { TRejection } from "@crm/core";
import { ImportRowsTable } from "./import-rows-table";

/** The first rejected rows, where they are and why; the CSV download has all of them. */
export function RejectionsTable({ rows, total, downloadUrl }: { rows: TRejection[]; total: number; downloadUrl: string }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-gray-700">
          {total > rows.length ? `Showing the first ${rows.length} of ${total.toLocaleString("en")} rejected rows.` : `${total} ${total === 1 ? "row was" : "rows were"} left out.`}{" "}
          Fix {total === 1 ? "it" : "them"} in the file and upload the whole file again: rows already imported are recognised, not duplicated.
        </p>
        <a className="text-sm font-medium text-blue-800 underline" href={downloadUrl} download>Download rejected rows (CSV)</a>
      </div>
      <ImportRowsTable rows={rows} caption="Rejected rows" whyLabel="Reason" testId="rejection-row" />
    </div>
  );
}
