import { listColumnMappings, MAPPINGS_SHOWN, roleAtLeast } from "@crm/core";
import { Card } from "@crm/ui";
import { ColumnMappingCard } from "@/features/imports/components/column-mapping-card";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Column mappings" };

export default async function ColumnMappingsPage({ params, searchParams }: {
  params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const team = await requireTeam((await pageParams(params)).slug);
  const focus = (await searchParams).mapping;
  const mappings = await listColumnMappings(team);
  const canManage = roleAtLeast(team.role, "ADMIN");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Column mappings</h1>
      <p className="max-w-3xl text-sm text-gray-700">
        When a file’s columns are not LinkedIn’s, someone says which column holds what, and {team.teamName} remembers it: every later file with
        the same columns is read the same way, without asking. {canManage ? "Change a mapping that reads a column wrongly, or forget it so the next file asks again." : "Only owners and admins can change or forget a mapping."}
      </p>
      {mappings.length === 0 ? (
        <Card><p className="text-sm text-gray-700">No column mappings yet. They are saved when a file with unfamiliar columns is imported.</p></Card>
      ) : (
        <>
          {mappings.length >= MAPPINGS_SHOWN && <p className="text-sm text-gray-700">Showing the {MAPPINGS_SHOWN} most recently saved mappings.</p>}
          {mappings.map((m) => <ColumnMappingCard key={m.id} teamSlug={team.slug} m={m} canManage={canManage} open={focus === m.id} />)}
        </>
      )}
    </div>
  );
}
