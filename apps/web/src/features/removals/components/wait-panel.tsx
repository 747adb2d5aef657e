"use client";
import type { Ref } from "react";
import type { TLimitCode, TRemovalBudget } from "@crm/core";
import { durationText, roughDurationText, timeIn, zoneName } from "../format";

type TProps = {
  budget: TRemovalBudget;
  /** Why the wait: the budget's own blockedBy, or the code of a 429. */
  limit: TLimitCode;
  until: string;
  now: number;
  /** A refusal's text from the server, shown as it came. */
  message: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  /** What is paced: removals unless said (the withdrawals lane passes its own words). */
  noun?: { one: string; many: string };
};

/**
 * The next card is locked until `until`. The visible countdown ticks every second but is hidden
 * from screen readers; the live region says it once, in rough terms (see RemovalSession).
 */
export function WaitPanel({ budget, limit, until, now, message, headingRef, noun = { one: "removal", many: "removals" } }: TProps) {
  const Many = noun.many.charAt(0).toUpperCase() + noun.many.slice(1);
  const left = new Date(until).getTime() - now;
  const at = `${timeIn(until, budget.timeZone)} (${zoneName(budget.timeZone)})`;
  const title = limit === "HOURLY_LIMIT" ? "Hourly ceiling reached" : limit === "WEEKLY_LIMIT" ? "Weekly ceiling reached" : limit === "DAILY_LIMIT" ? "Today’s safe limit reached" : "Next person in a moment";
  const why =
    limit === "HOURLY_LIMIT"
      ? `That’s ${budget.hourUsed} ${noun.many} in the last hour, the hourly ceiling (${budget.hourlyLimit}). The next ${noun.one} is allowed at ${at}.`
      : limit === "PACE_WAIT"
        ? `${Many} are spaced about ${budget.gapSeconds} s apart so LinkedIn sees a human pace. The next card unlocks at ${at}.`
        : `The next ${noun.one} is allowed at ${at}.`;
  return (
    <div className="flex flex-col items-start gap-3" data-testid="removal-wait">
      <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">{title}</h2>
      {/* A PACE_WAIT refusal's sentence names a fixed wait ("Wait 1 min 26 s…"): the countdown says it, ticking. */}
      {message && limit !== "PACE_WAIT" && <p className="text-sm font-medium text-amber-900" data-testid="removal-refusal">{message}</p>}
      <p className="text-sm text-gray-700">{why}</p>
      <p className="text-3xl font-semibold tabular-nums text-gray-900" aria-hidden="true" data-testid="removal-countdown">{durationText(left)}</p>
      <p className="sr-only">Wait {roughDurationText(left)}.</p>
    </div>
  );
}
