import Link from "next/link";
import type { TAccountSummary } from "@crm/core";
import { statusLabel } from "@/features/imports/labels";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function AccountsTable({ teamSlug, accounts, meId }: { teamSlug: string; accounts: TAccountSummary[]; meId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">LinkedIn accounts of this team</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Account</th><th scope="col" className="pr-4">Owner</th><th scope="col" className="pr-4">Time zone</th>
            <th scope="col" className="pr-4 text-right">Connections</th><th scope="col">Last import</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className="border-b border-gray-200 last:border-0" data-testid="account-row">
              <td className="py-3 pr-4 font-medium">
                <Link className="text-blue-800 underline" href={`/t/${teamSlug}/accounts/${a.id}`}>{a.label}</Link>
                {a.isNew && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">new account</span>}
              </td>
              <td className="pr-4">{a.owner.id === meId ? `${a.owner.name} (you)` : a.owner.name}</td>
              <td className="pr-4">{a.timeZone.replace(/_/g, " ")}</td>
              <td className="pr-4 text-right tabular-nums">{a.connectionCount.toLocaleString("en")}</td>
              <td>{a.lastImport ? `${statusLabel(a.lastImport.status)}, ${dateFmt.format(a.lastImport.createdAt)}` : "No import yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
