import { listNotifications } from "@crm/core";
import { NotificationList } from "@/features/notifications/components/notification-list";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";
const PAGE_SIZE = 30;

export default async function NotificationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const first = await listNotifications(team, { limit: PAGE_SIZE });
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <NotificationList slug={team.slug} initial={first} />
    </div>
  );
}
