import type { TRejection } from "@crm/core";

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
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Rejected rows</caption>
          <thead className="border-b border-gray-300 text-gray-600">
            <tr><th scope="col" className="py-2 pr-4">Line</th><th scope="col" className="pr-4">File</th><th scope="col" className="pr-4">Field</th><th scope="col">Reason</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.file}:${r.line}:${i}`} className="border-b border-gray-200 align-top last:border-0" data-testid="rejection-row">
                <td className="py-2 pr-4 tabular-nums">{r.line}</td>
                <td className="py-2 pr-4">{r.file}</td>
                <td className="py-2 pr-4">{r.field}</td>
                <td className="py-2">{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
