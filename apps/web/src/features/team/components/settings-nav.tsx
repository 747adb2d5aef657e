"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { path: "members", label: "Members" },
  { path: "queue-rules", label: "Queue rules" },
  { path: "api-keys", label: "API keys" },
  { path: "imports", label: "Column mappings" },
  { path: "data", label: "Data" },
  { path: "notifications", label: "Notifications" },
  { path: "deliveries", label: "Email deliveries" },
] as const;

/** The settings sections; the current one is marked for assistive technology, not only by colour. */
export function SettingsNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Team settings" className="flex flex-wrap gap-x-1 border-b border-gray-200 text-sm">
      {SECTIONS.map((s) => {
        const href = `/t/${slug}/settings/${s.path}`;
        const current = pathname === href;
        return (
          <Link
            key={s.path}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 focus-visible:outline-2 focus-visible:outline-blue-600 ${current ? "border-blue-700 font-medium text-blue-900" : "border-transparent text-gray-700 hover:text-gray-900"}`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
