import Link from "next/link";
import { clockNow, listReminders, type TReminderPage } from "@crm/core";
import { Card } from "@crm/ui";
import { ReminderList } from "@/features/reminders/components/reminder-list";
import { requireTeam } from "@/lib/team";

// Today's "Reminders due": my due follow-ups and keep-in-touch reminders, worked through with one
// key each. Secondary on the home page: if it cannot be read, the rest of Today still renders.

const SHOWN = 10;
const linkClass = "text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

async function due(slug: string): Promise<TReminderPage | null> {
  try {
    return await listReminders(await requireTeam(slug), { view: "due", limit: SHOWN });
  } catch (e) {
    console.error("due reminders failed:", e);
    return null;
  }
}

export async function DueReminders({ slug }: { slug: string }) {
  const page = await due(slug);
  if (!page) return null;
  // The list owns its "nothing due" line, "more due" count and "Show more": they follow what is
  // done on the card (a server-written "and N more" would not).
  return (
    <Card title="Reminders due" actions={<Link className={linkClass} href={`/t/${slug}/reminders`}>All reminders</Link>}>
      <ReminderList
        slug={slug}
        view="due"
        initial={page.items}
        nextCursor={page.nextCursor}
        counts={page.counts}
        serverNow={clockNow().getTime()}
        label="Reminders due"
        emptyText="Nothing due. Set a reminder from a person’s details or the connections table."
      />
    </Card>
  );
}
