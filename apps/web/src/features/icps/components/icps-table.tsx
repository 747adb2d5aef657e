import Link from "next/link";
import type { TIcpSummary } from "@crm/core";
import { isRescoring } from "../labels";
import { RescoringCell } from "./rescoring-cell";

const n = (v: number) => v.toLocaleString("en");

export function IcpsTable({ teamSlug, icps }: { teamSlug: string; icps: TIcpSummary[] }) {
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Ideal customer profiles of this team</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Profile</th><th scope="col" className="pr-4 text-right">Version</th>
            <th scope="col" className="pr-4 text-right">Strong</th><th scope="col" className="pr-4 text-right">Partial</th>
            <th scope="col" className="pr-4 text-right">No fit</th><th scope="col">Scores</th>
          </tr>
        </thead>
        <tbody>
          {icps.map((i) => (
            <tr key={i.id} className="border-b border-gray-200 last:border-0" data-testid="icp-row">
              <td className="py-3 pr-4 font-medium"><Link className="text-blue-800 underline" href={`/t/${teamSlug}/icps/${i.id}`}>{i.name}</Link></td>
              <td className="pr-4 text-right tabular-nums">{i.version}</td>
              <td className="pr-4 text-right tabular-nums">{n(i.bands.strong)}</td>
              <td className="pr-4 text-right tabular-nums">{n(i.bands.partial)}</td>
              <td className="pr-4 text-right tabular-nums">{n(i.bands.none)}</td>
              <td>
                {isRescoring(i)
                  ? <RescoringCell statusUrl={`/api/t/${teamSlug}/icps/${i.id}`} initial={{ version: i.version, scoredVersion: i.scoredVersion, rescoreProgress: i.rescoreProgress }} />
                  : i.scoredAt ? <>Scored <time dateTime={i.scoredAt.toISOString()}>{fmt.format(i.scoredAt)} UTC</time></> : "Not scored yet"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
