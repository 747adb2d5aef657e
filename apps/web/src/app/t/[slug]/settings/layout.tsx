import type { ReactNode } from "react";
import { SettingsNav } from "@/features/team/components/settings-nav";
import { pageParams, requireTeam } from "@/lib/team";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  return (
    <div className="flex flex-col gap-6">
      <SettingsNav slug={team.slug} />
      {children}
    </div>
  );
}
