import type { TScoredConnection } from "@crm/core";
import { Badge } from "@crm/ui";
import { bandLabel, bandTone, flagTone } from "../labels";

/** One row per scored connection, best first; "Why" lists every reason behind the score. */
export function ScoresTable({ rows, caption }: { rows: TScoredConnection[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Name</th><th scope="col" className="pr-4">Position</th>
            <th scope="col" className="pr-4">Company</th><th scope="col" className="pr-4">Account</th>
            <th scope="col" className="pr-4 text-right">Score</th><th scope="col" className="pr-4">Fit</th>
            <th scope="col" className="pr-4">Why</th><th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.connectionId} className="border-b border-gray-200 align-top last:border-0" data-testid="score-row">
              <td className="py-2 pr-4 font-medium">
                {r.profileUrl ? (
                  <a className="text-blue-800 underline" href={r.profileUrl} target="_blank" rel="noopener noreferrer">
                    {r.name || "Unnamed connection"}<span className="sr-only"> (LinkedIn profile, opens in a new tab)</span>
                  </a>
                ) : (
                  r.name || "Unnamed connection"
                )}
              </td>
              <td className="max-w-56 py-2 pr-4">{r.position ?? <span className="text-gray-500">—</span>}</td>
              <td className="max-w-48 py-2 pr-4">{r.company ?? <span className="text-gray-500">—</span>}</td>
              <td className="py-2 pr-4 text-gray-700">{r.accountLabel}</td>
              <td className="py-2 pr-4 text-right font-semibold tabular-nums">{r.score}</td>
              <td className="py-2 pr-4"><Badge tone={bandTone(r.band)}>{bandLabel(r.band)}</Badge></td>
              <td className="min-w-64 py-2 pr-4">
                <ul className="flex flex-col gap-0.5 text-xs text-gray-700">
                  {r.reasons.map((x, i) => <li key={i}>{x.text}</li>)}
                </ul>
              </td>
              <td className="py-2">
                {r.flags.length > 0 ? (
                  <ul className="flex flex-wrap gap-1" aria-label="Flags">
                    {r.flags.map((f) => <li key={f.code}><Badge tone={flagTone(f.code)}>{f.label}</Badge></li>)}
                  </ul>
                ) : (
                  <span className="sr-only">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
