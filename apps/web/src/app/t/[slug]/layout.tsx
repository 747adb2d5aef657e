import Link from "next/link";
import type { ReactNode } from "react";
import { listUserTeams, unreadNotificationCount, type TTeamContext } from "@crm/core";
import { SignOutButton } from "@/features/auth/components/sign-out-button";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { NavLink } from "@/features/team/components/nav-link";
import { TeamSwitcher } from "@/features/team/components/team-switcher";
import { pageParams, requireTeam } from "@/lib/team";
import { requireUser } from "@/lib/session";

// The bell is secondary: if its count cannot be read, every page still renders (the bell then
// asks again on its own).
async function unreadOrNull(team: TTeamContext): Promise<number | null> {
  try {
    return await unreadNotificationCount(team);
  } catch (e) {
    console.error("unread notification count failed:", e);
    return null;
  }
}

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await pageParams(params);
  const team = await requireTeam(slug);
  const user = await requireUser();
  const [teams, unread] = await Promise.all([listUserTeams({ userId: user.id }), unreadOrNull(team)]);
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-4">
            <Link href={`/t/${team.slug}`} className="font-semibold text-blue-800">Connection CRM</Link>
            <TeamSwitcher current={team.slug} teams={teams} />
          </div>
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
            <NavLink exact href={`/t/${team.slug}`}>Today</NavLink>
            <NavLink href={`/t/${team.slug}/queue`}>Review queue</NavLink>
            <NavLink href={`/t/${team.slug}/removals`}>Removals</NavLink>
            <NavLink href={`/t/${team.slug}/reminders`}>Reminders</NavLink>
            <NavLink href={`/t/${team.slug}/connections`}>Connections</NavLink>
            <NavLink href={`/t/${team.slug}/insights`}>Insights</NavLink>
            <NavLink href={`/t/${team.slug}/accounts`}>LinkedIn accounts</NavLink>
            <NavLink href={`/t/${team.slug}/icps`}>Ideal customer profiles</NavLink>
            <NavLink href={`/t/${team.slug}/tags`}>Tags</NavLink>
            <NavLink href={`/t/${team.slug}/settings/members`} section={`/t/${team.slug}/settings`}>Team settings</NavLink>
            <NotificationBell slug={team.slug} initialCount={unread} />
            <Link className="rounded px-3 py-2 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600" href="/account">{user.name}</Link>
            <SignOutButton />
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
