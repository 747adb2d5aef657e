import Link from "next/link";
import type { ReactNode } from "react";
import { listUserTeams } from "@crm/core";
import { SignOutButton } from "@/features/auth/components/sign-out-button";
import { TeamSwitcher } from "@/features/team/components/team-switcher";
import { pageParams, requireTeam } from "@/lib/team";
import { requireUser } from "@/lib/session";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params);
  const team = await requireTeam(slug);
  const user = await requireUser();
  const teams = await listUserTeams({ userId: user.id });
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-4">
            <Link href={`/t/${team.slug}`} className="font-semibold text-blue-800">Connection CRM</Link>
            <TeamSwitcher current={team.slug} teams={teams} />
          </div>
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/connections`}>Connections</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/insights`}>Insights</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}`}>Dashboard</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/accounts`}>LinkedIn accounts</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/icps`}>Ideal customer profiles</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/tags`}>Tags</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href={`/t/${team.slug}/settings/members`}>Team settings</Link>
            <Link className="rounded px-3 py-2 hover:bg-gray-100" href="/account">{user.name}</Link>
            <SignOutButton />
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
