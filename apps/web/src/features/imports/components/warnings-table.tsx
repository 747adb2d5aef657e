import type { TRejection } from "@crm/core";
import { ImportRowsTable } from "./import-rows-table";

/**
 * Rows that were imported with a field left blank (a bad email, an over-long position) or read
 * after removing a stray quote: where, which field and why. Not rejections: the people are in.
 */
export function WarningsTable({ rows, total }: { rows: TRejection[]; total: number }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-gray-700">
        {total > rows.length ? `Showing the first ${rows.length} of ${total.toLocaleString("en")} warnings.` : `${total} ${total === 1 ? "value was" : "values were"} not usable.`}{" "}
        These people were imported without the value; correct it in the file and upload it again to fill it in.
      </p>
      <ImportRowsTable rows={rows} caption="Imported rows with a field left blank" whyLabel="Why" testId="warning-row" />
    </div>
  );
}
