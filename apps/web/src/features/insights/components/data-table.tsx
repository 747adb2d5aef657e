import type { ReactNode } from "react";

export type TTableRow = { key: string; header: ReactNode; cells: ReactNode[] };

/** A chart's figures: the first column names each row (a row header), the others are numbers. */
export function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: TTableRow[] }) {
  return (
    <table className="w-full max-w-2xl text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-gray-300 text-gray-600">
        <tr>
          {columns.map((c, i) => <th key={c} scope="col" className={`py-1 pr-4 ${i ? "text-right" : ""}`}>{c}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-gray-100 last:border-0">
            <th scope="row" className="py-1 pr-4 font-normal">{r.header}</th>
            {r.cells.map((c, i) => <td key={i} className="py-1 pr-4 text-right tabular-nums">{c}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
