import Link from "next/link";
import type { TInvitationSort } from "@crm/core";

// A sortable column header: a link to the same view sorted by this column (again: the other way).
// aria-sort says the current order to screen readers. `dates`: the column shows dates while its
// sort is by age, so oldest first (age descending) is the dates ascending, and the arrow says so.

export function SortHeader({ label, sort, current, dir, href, className = "", dates = false }: { label: string; sort: TInvitationSort; current: string; dir: "asc" | "desc"; href: (sort: TInvitationSort, dir: "asc" | "desc") => string; className?: string; dates?: boolean }) {
  const active = current === sort;
  const next: "asc" | "desc" = active ? (dir === "asc" ? "desc" : "asc") : sort === "name" ? "asc" : "desc";
  const flip = (d: "asc" | "desc") => (d === "asc" ? "desc" : "asc");
  const word = (d: "asc" | "desc") => ((dates ? flip(d) : d) === "asc" ? "ascending" : "descending");
  // The accessible name: "Sent ↓ (sorted descending; sort ascending)". Not an aria-label, which
  // would make the header a label of the same name as the filter it sits next to.
  const how = active ? `sorted ${word(dir)}; sort ${word(next)}` : "sort by this column";
  return (
    <th scope="col" className={`py-2 pr-4 ${className}`} aria-sort={active ? word(dir) : "none"}>
      <Link className="underline decoration-gray-300 hover:decoration-gray-700 focus-visible:outline-2 focus-visible:outline-blue-600" href={href(sort, next)}>
        {label}
        {active && <span aria-hidden="true">{word(dir) === "ascending" ? " ↑" : " ↓"}</span>}
        <span className="sr-only">({how})</span>
      </Link>
    </th>
  );
}
