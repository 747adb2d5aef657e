import Link from "next/link";
import { laneHref } from "../format";

const base = "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/**
 * "Removals | Invitation withdrawals (N)": two links (a lane is a URL, ?lane=withdrawals, so Back,
 * reload and sharing work), the current one marked with aria-current.
 */
export function LaneSwitch({ slug, accountId, lane, withdrawals }: { slug: string; accountId: string; lane: "removals" | "withdrawals"; withdrawals: number }) {
  const items = [
    { key: "removals", label: "Removals" },
    { key: "withdrawals", label: `Invitation withdrawals (${withdrawals.toLocaleString("en")})` },
  ] as const;
  return (
    <nav aria-label="Session lane" className="flex gap-1 self-start rounded-lg bg-gray-100 p-1" data-testid="lane-switch">
      {items.map((i) => (
        <Link
          key={i.key}
          href={laneHref(slug, accountId, i.key)}
          aria-current={i.key === lane ? "page" : undefined}
          className={`${base} ${i.key === lane ? "bg-white text-gray-900 shadow-sm ring-1 ring-gray-200" : "text-gray-700 hover:text-gray-900"}`}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}
