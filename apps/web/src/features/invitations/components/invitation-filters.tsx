import Link from "next/link";
import { buttonClass } from "@crm/ui";
import { AGE_OPTIONS, type TPageQuery } from "../page-query";
import { FIT_LABELS } from "../labels";

// The filters as a plain GET form: works without JavaScript, and the URL keeps the view.

// max-w-full: the longest option ("More than 60 days ago (the team's withdraw rule)") must not widen a phone's page.
const selectClass = "max-w-full rounded-md border border-gray-300 bg-white px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

export function InvitationFilters({ q, action, resetHref, withdrawAfterDays }: { q: TPageQuery; action: string; resetHref: string; withdrawAfterDays: number }) {
  const ages = [...new Set([...AGE_OPTIONS, withdrawAfterDays])].sort((a, b) => a - b);
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Filter invitations" role="search">
      {q.tab !== "outgoing" && <input type="hidden" name="tab" value={q.tab} />}
      {q.sort && <input type="hidden" name="sort" value={q.sort} />}
      {q.dir && <input type="hidden" name="dir" value={q.dir} />}
      <div className="flex min-w-0 max-w-full flex-col gap-1">
        <label htmlFor="inv-age" className="text-sm font-medium text-gray-800">{q.tab === "incoming" ? "Received" : "Sent"}</label>
        <select id="inv-age" name="age" defaultValue={q.age === null ? "" : String(q.age)} className={selectClass}>
          <option value="">Any time</option>
          {q.age !== null && !ages.includes(q.age) && <option value={q.age}>More than {q.age} days ago</option>}
          {ages.map((d) => (
            <option key={d} value={d}>More than {d} days ago{d === withdrawAfterDays ? " (the team’s withdraw rule)" : ""}</option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 max-w-full flex-col gap-1">
        <label htmlFor="inv-message" className="text-sm font-medium text-gray-800">Message</label>
        <select id="inv-message" name="message" defaultValue={q.message ?? ""} className={selectClass}>
          <option value="">With or without</option>
          <option value="with">With a message</option>
          <option value="without">Without a message</option>
        </select>
      </div>
      {q.tab === "incoming" && (
        <div className="flex min-w-0 max-w-full flex-col gap-1">
          <label htmlFor="inv-fit" className="text-sm font-medium text-gray-800">Fit</label>
          <select id="inv-fit" name="fit" defaultValue={q.fit ?? ""} className={selectClass}>
            <option value="">Any fit</option>
            {(["strong", "partial", "weak", "none"] as const).map((f) => (
              <option key={f} value={f}>{FIT_LABELS[f]}</option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className={buttonClass("secondary")}>Apply filters</button>
      {(q.age !== null || q.message || q.fit) && (
        <Link className="py-2 text-sm text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={resetHref}>Clear filters</Link>
      )}
    </form>
  );
}
