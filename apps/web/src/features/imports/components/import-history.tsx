import Link from "next/link";
import type { TImportSummary } from "@crm/core";
import { statusLabel } from "../labels";

export function ImportHistory({ teamSlug, imports, timeZone }: { teamSlug: string; imports: TImportSummary[]; timeZone: string }) {
  if (imports.length === 0) return <p className="text-sm text-gray-700">No exports uploaded yet.</p>;
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Imports of this account, newest first (times in {timeZone})</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Date</th><th scope="col" className="pr-4">File</th><th scope="col" className="pr-4">Status</th>
            <th scope="col" className="pr-4 text-right">New</th><th scope="col" className="pr-4 text-right">Updated</th>
            <th scope="col" className="pr-4 text-right">Unchanged</th><th scope="col" className="pr-4 text-right">Job changes</th>
            <th scope="col" className="pr-4 text-right">Gone</th><th scope="col" className="pr-4 text-right">Rejected</th>
            <th scope="col"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => {
            const counted = i.status === "COMPLETED";
            return (
              <tr key={i.importId} className="border-b border-gray-200 last:border-0" data-testid="import-row">
                <td className="whitespace-nowrap py-2 pr-4">{fmt.format(i.createdAt)}</td>
                <td className="max-w-64 truncate pr-4" title={i.fileName}>{i.fileName}</td>
                <td className="pr-4">{statusLabel(i.status)}</td>
                <td className="pr-4 text-right tabular-nums">{counted ? i.new : "–"}</td>
                <td className="pr-4 text-right tabular-nums">{counted ? i.updated : "–"}</td>
                <td className="pr-4 text-right tabular-nums">{counted ? i.unchanged : "–"}</td>
                <td className="pr-4 text-right tabular-nums">{counted ? i.jobChanges : "–"}</td>
                <td className="pr-4 text-right tabular-nums">{counted ? i.gone : "–"}</td>
                <td className="pr-4 text-right tabular-nums">{counted || i.status === "FAILED" ? i.rejected : "–"}</td>
                <td className="text-right">
                  <Link className="text-blue-800 underline" href={`/t/${teamSlug}/imports/${i.importId}`}>
                    View<span className="sr-only"> import of {i.fileName} from {fmt.format(i.createdAt)}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
