import Link from "next/link";
import { removalsPath } from "../format";

const linkClass = "rounded text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** The sub-pages of one account's removals, the current one marked. */
export function AccountLinks({ slug, accountId, current }: { slug: string; accountId: string; current: "session" | "removed" | "policy" }) {
  const items = [
    { key: "session", href: removalsPath(slug, accountId), label: "Today’s session" },
    { key: "removed", href: removalsPath(slug, accountId, "removed"), label: "Removed people" },
    { key: "policy", href: removalsPath(slug, accountId, "policy"), label: "Removal policy" },
  ] as const;
  return (
    <nav aria-label="This account’s removals" className="flex flex-wrap gap-4 text-sm">
      <Link className={linkClass} href={removalsPath(slug)}>← All accounts</Link>
      {items.map((i) => (
        <Link key={i.key} className={`${linkClass} ${i.key === current ? "font-semibold" : ""}`} href={i.href} aria-current={i.key === current ? "page" : undefined}>{i.label}</Link>
      ))}
    </nav>
  );
}
