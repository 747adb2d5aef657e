import Link from "next/link";
import { listIcps, roleAtLeast } from "@crm/core";
import { buttonClass, Card } from "@crm/ui";
import { IcpsTable } from "@/features/icps/components/icps-table";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Ideal customer profiles" };

export default async function IcpsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const icps = await listIcps(team);
  const canEdit = roleAtLeast(team.role, "ADMIN");
  const newLink = canEdit && <Link className={buttonClass("primary")} href={`/t/${team.slug}/icps/new`}>New profile</Link>;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Ideal customer profiles</h1>
        {icps.length > 0 && newLink}
      </div>
      {icps.length === 0 ? (
        <Card title="Describe who matters to you">
          <div className="flex flex-col gap-3 text-sm text-gray-800">
            <p>
              An <strong>ideal customer profile</strong> (ICP) describes the people your team wants in its networks: their titles,
              seniority, functions, companies, and how recently you have been in touch. Every connection is scored against it, with
              the reasons spelled out.
            </p>
            <p>
              Someone who seems irrelevant today may be a buyer after their next promotion, so decide who to keep, follow up with or
              remove against an explicit profile, not by gut feeling. Competitors are flagged, and people who endorsed or recommended
              you are marked as protected.
            </p>
            {canEdit ? (
              <div>{newLink}</div>
            ) : (
              <p className="text-gray-700">Ask a team owner or admin to create the first profile.</p>
            )}
          </div>
        </Card>
      ) : (
        <Card title={`Profiles (${icps.length})`}>
          <IcpsTable teamSlug={team.slug} icps={icps} />
        </Card>
      )}
    </div>
  );
}
