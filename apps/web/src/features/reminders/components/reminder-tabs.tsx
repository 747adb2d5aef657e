import Link from "next/link";
import { REMINDER_COUNT_CAP, type TReminderListView } from "@crm/core";

const LABELS: Record<TReminderListView, string> = { due: "Due", upcoming: "Upcoming", done: "Done" };
const ORDER: TReminderListView[] = ["due", "upcoming", "done"];

export const remindersPath = (slug: string, view: TReminderListView) => (view === "due" ? `/t/${slug}/reminders` : `/t/${slug}/reminders?view=${view}`);

/** The views as tabs (links: each has its own URL), with the open counts. */
export function ReminderTabs({ slug, view, counts }: { slug: string; view: TReminderListView; counts: { due: number; upcoming: number } }) {
  return (
    <nav aria-label="Reminder views" className="border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {ORDER.map((v) => {
          const current = v === view;
          const n = v === "done" ? null : counts[v];
          return (
            <li key={v}>
              <Link
                href={remindersPath(slug, v)}
                aria-current={current ? "page" : undefined}
                className={`inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${current ? "border-blue-700 text-blue-800" : "border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900"}`}
              >
                {LABELS[v]}
                {n !== null && (
                  <span data-testid={`reminder-count-${v}`} className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums ${current ? "bg-blue-100 text-blue-900" : "bg-gray-100 text-gray-800"}`}>
                    {n >= REMINDER_COUNT_CAP ? `${REMINDER_COUNT_CAP.toLocaleString("en")}+` : n.toLocaleString("en")}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
