import { clockNow, listReminders, REMINDER_VIEWS, type TReminderListView } from "@crm/core";
import { Card } from "@crm/ui";
import { ReminderList } from "@/features/reminders/components/reminder-list";
import { ReminderTabs } from "@/features/reminders/components/reminder-tabs";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Reminders" };
export const dynamic = "force-dynamic";
const PAGE_SIZE = 50;

const EMPTY: Record<TReminderListView, string> = {
  due: "Nothing due. Set a reminder from a person’s details or the connections table.",
  upcoming: "Nothing coming up.",
  done: "Nothing done yet.",
};
const TITLES: Record<TReminderListView, string> = { due: "Due", upcoming: "Upcoming", done: "Done" };

/** My reminders (the ones I set, and those of the accounts I own): due, upcoming and done. */
export default async function RemindersPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const asked = (await searchParams).view;
  const view = (REMINDER_VIEWS as readonly string[]).includes(String(asked)) ? (asked as TReminderListView) : "due";
  const page = await listReminders(team, { view, limit: PAGE_SIZE });
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Reminders</h1>
        <p className="text-sm text-gray-700">Follow-ups you set, and keep-in-touch reminders for the accounts you own. They come due at 9:00 on their day.</p>
      </div>
      <ReminderTabs slug={team.slug} view={view} counts={page.counts} />
      <Card title={TITLES[view]}>
        <ReminderList
          key={view}
          slug={team.slug}
          view={view}
          initial={page.items}
          nextCursor={page.nextCursor}
          serverNow={clockNow().getTime()}
          label={`${TITLES[view]} reminders`}
          emptyText={EMPTY[view]}
        />
      </Card>
    </div>
  );
}
