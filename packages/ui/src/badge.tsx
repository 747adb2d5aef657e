import type { ReactNode } from "react";

const TONES = {
  gray: "bg-gray-100 text-gray-800 ring-gray-200",
  green: "bg-green-50 text-green-800 ring-green-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  blue: "bg-blue-50 text-blue-900 ring-blue-200",
} as const;

export type TBadgeTone = keyof typeof TONES;

/** A short label next to data (a band, a flag); the colour only repeats what the text says. */
export function Badge({ tone = "gray", children, title }: { tone?: TBadgeTone; children: ReactNode; title?: string }) {
  return <span title={title} className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${TONES[tone]}`}>{children}</span>;
}
