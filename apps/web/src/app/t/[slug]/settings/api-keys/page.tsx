import { listApiKeys, roleAtLeast } from "@crm/core";
import { Badge, Card } from "@crm/ui";
import { CreateApiKeyForm, RevokeApiKeyButton } from "@/features/api-keys/components/api-key-forms";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "API keys" };

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const timeFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  if (!roleAtLeast(team.role, "ADMIN")) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <Card>
          <p className="text-sm text-gray-800">
            API keys let scripts and other tools read and update {team.teamName}’s connections, tags and notes. Only owners and admins can create
            and revoke them; ask one of them if you need a key.
          </p>
        </Card>
      </div>
    );
  }
  const keys = await listApiKeys(team);
  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="max-w-3xl text-sm text-gray-700">
        A key gives a script access to this team’s connections, tags and notes through the REST API (<a className="text-blue-800 underline" href="/api/v1/openapi.json">OpenAPI description</a>).
        It acts as the member who created it, and stops working if it is revoked or that member leaves the team.
      </p>
      <Card title="Create an API key">
        <CreateApiKeyForm teamSlug={team.slug} />
      </Card>
      <Card title={`Keys (${active} active)`}>
        {keys.length === 0 ? (
          <p className="text-sm text-gray-700">No API keys yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API keys of {team.teamName}</caption>
              <thead className="border-b text-gray-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">Name</th><th scope="col" className="pr-3">Key</th><th scope="col" className="pr-3">Access</th>
                  <th scope="col" className="pr-3">Created</th><th scope="col" className="pr-3">Last used</th><th scope="col" className="text-right">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-b last:border-0" data-testid="api-key-row">
                    <td className="py-3 pr-3 font-medium">{k.name}</td>
                    <td className="pr-3 font-mono text-xs">{k.prefix}…</td>
                    <td className="pr-3">{k.scope === "READ" ? "Read only" : "Read and write"}</td>
                    <td className="pr-3">{dateFmt.format(k.createdAt)}{k.createdByName ? ` by ${k.createdByName}` : ""}</td>
                    <td className="pr-3">{k.lastUsedAt ? <time dateTime={k.lastUsedAt.toISOString()}>{timeFmt.format(k.lastUsedAt)} UTC</time> : "Never"}</td>
                    <td className="py-2 text-right">
                      {k.revokedAt ? <Badge tone="red">Revoked {dateFmt.format(k.revokedAt)}</Badge> : <RevokeApiKeyButton teamSlug={team.slug} keyId={k.id} name={k.name} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
