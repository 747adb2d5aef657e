"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A main-nav link that tells assistive tech (and the eye) which section is open (`section`: a wider path prefix than the link). */
export function NavLink({ href, exact = false, section, children }: { href: string; exact?: boolean; section?: string; children: ReactNode }) {
  const path = usePathname();
  const base = section ?? href;
  const current = exact ? path === href : path === base || path.startsWith(`${base}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded px-3 py-2 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${current ? "bg-gray-100 font-medium text-gray-900" : ""}`}
    >
      {children}
    </Link>
  );
}
