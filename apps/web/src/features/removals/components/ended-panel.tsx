"use client";
import Link from "next/link";
import type { Ref } from "react";
import type { TRemovalSession } from "@crm/core";
import { dayTimeIn, removalsPath, zoneName } from "../format";

type TProps = { slug: string; session: TRemovalSession; viewerZone: string | null; headingRef: Ref<HTMLHeadingElement> };

/** The session is over for today: the daily (or weekly) limit, or nothing left. With the reset time in the account's zone and the viewer's. */
export function EndedPanel({ slug, session, viewerZone, headingRef }: TProps) {
  const ended = session.ended!;
  const zone = session.account.timeZone;
  const here = dayTimeIn(ended.resetsAt, zone);
  // Compare the wall clocks, not the names: Chromium says Asia/Calcutta for Asia/Kolkata, and two
  // zones with the same time at the reset need no second line.
  const there = viewerZone ? dayTimeIn(ended.resetsAt, viewerZone) : here;
  const title = ended.reason === "DAILY_LIMIT" ? "That’s today’s safe limit; come back tomorrow" : ended.reason === "WEEKLY_LIMIT" ? "That’s this week’s ceiling" : "Nothing left to remove today";
  return (
    <div className="flex flex-col items-start gap-3" data-testid="removal-ended">
      <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">{title}</h2>
      <p className="text-sm text-gray-700">{ended.message}</p>
      {ended.reason !== "EMPTY" && (
        <p className="text-sm text-gray-900" data-testid="removal-resets">
          {ended.reason === "DAILY_LIMIT" ? "Today’s budget resets" : "The next removal is allowed"} on <time dateTime={ended.resetsAt}>{here}</time> ({zoneName(zone)}
          {viewerZone && there !== here ? <>; that is {there} in your time zone, {zoneName(viewerZone)}</> : null}).
        </p>
      )}
      {ended.reason === "EMPTY" && session.backlog > 0 && <p className="text-sm text-gray-700">{session.backlog} approved removals wait for later days.</p>}
      <p className="text-sm">
        <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={removalsPath(slug, session.account.id, "removed")}>Removed people</Link>
      </p>
    </div>
  );
}
