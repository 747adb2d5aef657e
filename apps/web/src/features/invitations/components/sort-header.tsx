import Link from "next/link";
import type { TInvitationSort } from "@crm/core";

// A sortable column header: a link to the same view sorted by this column (again: the other way).
// aria-sort says the current order to screen readers.

export function SortHeader({ label, sort, current, dir, href, className = "" }: { label: string; sort: TInvitationSort; current: string; dir: "asc" | "desc"; href: (sort: TInvitationSort, dir: "asc" | "desc") => string; className?: string }) {
  const active = current === sort;
  const next: "asc" | "desc" = active ? (dir === "asc" ? "desc" : "asc") : sort === "name" ? "asc" : "desc";
  const word = (d: "asc" | "desc") => (d === "asc" ? "ascending" : "descending");
  // aria-label (not an sr-only span, which Chromium joins with a stray space): "Sent, sorted descending: sort ascending".
  const name = active ? `${label}, sorted ${word(dir)}: sort ${word(next)}` : `${label}, sort by this column`;
  return (
    <th scope="col" className={`py-2 pr-4 ${className}`} aria-sort={active ? word(dir) : "none"}>
      <Link className="underline decoration-gray-300 hover:decoration-gray-700 focus-visible:outline-2 focus-visible:outline-blue-600" href={href(sort, next)} aria-label={name}>
        {label}
        {active && <span aria-hidden="true">{dir === "asc" ? " ↑" : " ↓"}</span>}
      </Link>
    </th>
  );
}
