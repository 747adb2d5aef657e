import Link from "next/link";
import type { TQueueView } from "@crm/core";

const EMPTY: Record<TQueueView, string> = {
  needs_my_vote: "Nothing needs your vote right now.",
  waiting_for_owner: "Nothing waits for an account owner’s decision.",
  approved: "Nobody is approved for removal.",
  snoozed: "Nothing is snoozed.",
  done: "Nothing decided yet.",
};

/** An empty view says why, and where to change what the queue proposes. */
export function QueueEmpty({ teamSlug, view, filtered, hasIcp }: { teamSlug: string; view: TQueueView; filtered: boolean; hasIcp: boolean }) {
  const link = "font-medium text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600";
  return (
    <div data-testid="queue-empty" className="rounded-lg bg-white p-6 text-sm text-gray-700 ring-1 ring-gray-200">
      {filtered ? (
        <p>No items match these filters.</p>
      ) : !hasIcp && view === "needs_my_vote" ? (
        <p>
          Describe your ICP so the queue can propose people.{" "}
          <Link className={link} href={`/t/${teamSlug}/icps/new`}>Describe your ICP</Link>
        </p>
      ) : (
        <p>{EMPTY[view]}</p>
      )}
      <p className="mt-2">
        The queue is rebuilt after every import, rescore and rule change. <Link className={link} href={`/t/${teamSlug}/settings/queue-rules`}>See the queue rules</Link> to tune what it proposes.
      </p>
    </div>
  );
}
