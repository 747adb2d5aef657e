import { buttonClass } from "@crm/ui";
import { KIND_LABELS, KIND_ORDER, Q_MAX, queuePath, type TQueueQuery } from "../../queue-url";

/**
 * Kind and free-text search (the connections workspace's `q`: name, position or company). A plain
 * GET form: it works before the page's scripts load, and the result has its own URL.
 */
export function QueueFilters({ teamSlug, query }: { teamSlug: string; query: TQueueQuery }) {
  const filtered = Boolean(query.kind || query.q);
  return (
    <form method="get" action={`/t/${teamSlug}/queue`} role="search" aria-label="Filter the queue" className="flex flex-wrap items-end gap-3 text-sm">
      {query.account && <input type="hidden" name="account" value={query.account} />}
      {query.view !== "needs_my_vote" && <input type="hidden" name="view" value={query.view} />}
      <label className="flex flex-col gap-1">
        <span className="font-medium text-gray-800">Kind</span>
        <select name="kind" defaultValue={query.kind ?? ""} className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-gray-900 ring-1 ring-gray-300 focus-visible:outline-2 focus-visible:outline-blue-600">
          <option value="">All kinds</option>
          {KIND_ORDER.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </label>
      <label className="flex min-w-56 flex-1 flex-col gap-1">
        <span className="font-medium text-gray-800">Search name, position or company</span>
        <input
          type="search"
          name="q"
          defaultValue={query.q}
          maxLength={Q_MAX}
          className="rounded-md border-0 bg-white px-2 py-1.5 text-gray-900 ring-1 ring-gray-300 focus-visible:outline-2 focus-visible:outline-blue-600"
        />
      </label>
      <button type="submit" className={buttonClass("secondary")}>Apply</button>
      {filtered && (
        <a href={queuePath(teamSlug, { account: query.account, view: query.view })} className="rounded px-2 py-2 text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600">
          Clear filters
        </a>
      )}
    </form>
  );
}
