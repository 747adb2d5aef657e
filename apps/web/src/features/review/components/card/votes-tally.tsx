import type { TReviewCard } from "@crm/core";
import { formatDate, formatDateTime } from "@/features/connections/labels";
import { choiceLabelsOf } from "../../queue-url";
import { Section } from "./card-sections";

/** Teammates' votes with the tally; two or more different choices are flagged as a disagreement. */
export function VotesTally({ card }: { card: TReviewCard }) {
  const { tally, votes } = card;
  const labels = choiceLabelsOf(card.kind);
  return (
    <Section title="Votes" testId="votes">
      {votes.length === 0 ? (
        <p className="text-sm text-gray-600">No votes yet.</p>
      ) : (
        <>
          <p
            data-testid="tally"
            className={`w-fit rounded px-2 py-1 text-sm font-medium ring-1 ${tally.disagreement ? "bg-amber-50 text-amber-900 ring-amber-300" : "bg-gray-50 text-gray-900 ring-gray-200"}`}
          >
            {tally.text}
            {tally.disagreement && <span className="ml-2 font-semibold">· The team disagrees</span>}
          </p>
          <ul className="flex flex-col gap-1 text-sm">
            {votes.map((v) => (
              <li key={v.user.id} data-testid="vote">
                <span className="font-medium text-gray-900">{v.user.name}</span> says <span className="font-semibold">{labels[v.choice]}</span>
                {v.choice === "snooze" && v.snoozeUntil && <> until {formatDate(v.snoozeUntil)}</>}
                {v.reason && <span className="text-gray-700">: “{v.reason}”</span>}
                <time dateTime={v.at} className="ml-2 text-xs text-gray-600">{formatDateTime(v.at)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
