import type { TRejection } from "@crm/core";

/** Rows of an import that need a word to the user: where they are (line, file, field) and why. */
export function ImportRowsTable({ rows, caption, whyLabel, testId }: { rows: TRejection[]; caption: string; whyLabel: string; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr><th scope="col" className="py-2 pr-4">Line</th><th scope="col" className="pr-4">File</th><th scope="col" className="pr-4">Field</th><th scope="col">{whyLabel}</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.file}:${r.line}:${r.field}:${i}`} className="border-b border-gray-200 align-top last:border-0" data-testid={testId}>
              <td className="py-2 pr-4 tabular-nums">{r.line}</td>
              <td className="py-2 pr-4">{r.file}</td>
              <td className="py-2 pr-4">{r.field}</td>
              <td className="py-2">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
