import Link from "next/link";
import { plural } from "@/features/connections/labels";
import { queuePath, type TQueueQuery } from "../../queue-url";

const linkClass = "rounded-md px-3 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** Cursor pagination: pages of 50, "Next page" while there is more, and the way back to the first. */
export function QueuePager({ teamSlug, query, shown, nextCursor }: { teamSlug: string; query: TQueueQuery; shown: number; nextCursor: string | null }) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm text-gray-700">
      <span>Showing {plural(shown, "item")}{query.cursor ? " (not the first page)" : ""}</span>
      {query.cursor && (
        <Link href={queuePath(teamSlug, { ...query, cursor: null })} className={`${linkClass} text-blue-800 underline`}>First page</Link>
      )}
      {nextCursor && (
        <Link href={queuePath(teamSlug, { ...query, cursor: nextCursor })} className={`${linkClass} bg-white text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50`}>Next page</Link>
      )}
    </nav>
  );
}
