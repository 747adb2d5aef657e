import { listTeamExports, roleAtLeast } from "@crm/core";
import { Badge, Card } from "@crm/ui";
import { DeleteTeamForm } from "@/features/team-data/components/delete-team-form";
import { ExportPanel } from "@/features/team-data/components/export-panel";
import { EXPORT_STATUS, formatBytes, isExportActive } from "@/features/team-data/labels";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Team data" };

const timeFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const at = (iso: string) => <time dateTime={iso}>{timeFmt.format(new Date(iso))} UTC</time>;

export default async function TeamDataPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  if (!roleAtLeast(team.role, "ADMIN")) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Team data</h1>
        <Card>
          <p className="text-sm text-gray-800">
            Owners and admins can download everything {team.teamName} holds (connections, tags, notes, profiles, scores and the activity
            log) as one file, and owners can delete the team. Ask one of them if you need a copy of the team’s data.
          </p>
        </Card>
      </div>
    );
  }
  const exports = await listTeamExports(team);
  const active = exports.find((e) => isExportActive(e.status)) ?? null;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Team data</h1>
      <Card title="Export all team data">
        <div className="flex flex-col gap-4">
          <p className="max-w-3xl text-sm text-gray-700">
            One zip file with everything the team holds: members, LinkedIn accounts, imports, connections with their tags, connection
            history, notes, saved views, ideal customer profiles with their scores, review decisions and the activity log. Tables are CSV
            files (they open in any spreadsheet), profile definitions are JSON, and <code>manifest.json</code> lists every file with its
            row count. The download link works for a limited time, then the file is deleted.
          </p>
          <ExportPanel teamSlug={team.slug} active={active && { id: active.id, status: active.status, phase: active.phase, progress: active.progress, error: active.error }} />
        </div>
      </Card>
      <Card title="Past exports">
        {exports.length === 0 ? (
          <p className="text-sm text-gray-700">No exports yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Exports of {team.teamName}, newest first</caption>
              <thead className="border-b text-gray-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">Requested</th><th scope="col" className="pr-3">Status</th><th scope="col" className="pr-3">Size</th>
                  <th scope="col" className="pr-3">Available until</th><th scope="col" className="text-right">Download</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((e) => (
                  <tr key={e.id} className="border-b last:border-0" data-testid="export-row">
                    <td className="py-3 pr-3">{at(e.createdAt)}</td>
                    <td className="pr-3"><Badge tone={EXPORT_STATUS[e.status].tone} title={e.error ?? undefined}>{EXPORT_STATUS[e.status].label}</Badge></td>
                    <td className="pr-3 tabular-nums">{formatBytes(e.byteSize)}</td>
                    <td className="pr-3">{e.status === "READY" && e.expiresAt ? at(e.expiresAt) : "—"}</td>
                    <td className="py-2 text-right">
                      {e.status === "READY" ? (
                        <a className="font-medium text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`/api/t/${team.slug}/exports/${e.id}/download`} download>
                          Download zip<span className="sr-only"> requested {timeFmt.format(new Date(e.createdAt))} UTC</span>
                        </a>
                      ) : e.status === "FAILED" ? (
                        <span className="text-gray-700">{e.error ?? "Failed"}</span>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {team.role === "OWNER" && (
        <section aria-labelledby="danger-zone" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-red-300">
          <h2 id="danger-zone" className="mb-2 text-lg font-semibold text-red-800">Danger zone</h2>
          <p className="mb-4 max-w-3xl text-sm text-gray-800">
            Deleting {team.teamName} removes all of its data for every member at once: LinkedIn accounts, connections, tags, notes,
            profiles, scores, exports and the activity log. It cannot be undone. Export the team’s data first if you may need it.
            Members keep their own accounts.
          </p>
          <DeleteTeamForm teamSlug={team.slug} teamName={team.teamName} />
        </section>
      )}
    </div>
  );
}
