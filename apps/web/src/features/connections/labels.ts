// Words, colours and formats the connections screens share. Pure and tiny: client islands import
// it, so nothing here may pull in @crm/core or @crm/scoring (their labels arrive as props).

export type TOption = { value: string; label: string; hint?: string };

/** Labels that come from the server (scoring vocabulary), passed to client islands as props. */
export type TLabels = {
  seniority: TOption[];
  function: TOption[];
  flags: TOption[];
  statuses: TOption[];
  fits: TOption[];
  tagColors: string[];
};

export const labelOf = (options: TOption[], value: string | null | undefined): string =>
  value ? (options.find((o) => o.value === value)?.label ?? value) : "";

// Full class names, so Tailwind finds them in the source.
const TAG_CHIP: Record<string, string> = {
  gray: "bg-gray-100 text-gray-800 ring-gray-300",
  red: "bg-red-50 text-red-800 ring-red-200",
  orange: "bg-orange-50 text-orange-800 ring-orange-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  green: "bg-green-50 text-green-800 ring-green-200",
  teal: "bg-teal-50 text-teal-800 ring-teal-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  purple: "bg-purple-50 text-purple-800 ring-purple-200",
  pink: "bg-pink-50 text-pink-800 ring-pink-200",
};
const TAG_DOT: Record<string, string> = {
  gray: "bg-gray-500",
  red: "bg-red-500",
  orange: "bg-orange-500",
  amber: "bg-amber-500",
  green: "bg-green-600",
  teal: "bg-teal-600",
  blue: "bg-blue-600",
  indigo: "bg-indigo-600",
  purple: "bg-purple-600",
  pink: "bg-pink-500",
};
export const tagChipClass = (color: string) => TAG_CHIP[color] ?? TAG_CHIP.gray!;
export const tagDotClass = (color: string) => TAG_DOT[color] ?? TAG_DOT.gray!;

export const FIT_LABELS: Record<string, string> = { strong: "Strong", partial: "Partial", none: "No fit" };
const FIT_CLASS: Record<string, string> = {
  strong: "bg-green-50 text-green-800 ring-green-200",
  partial: "bg-amber-50 text-amber-900 ring-amber-200",
  none: "bg-gray-100 text-gray-700 ring-gray-200",
};
export const fitClass = (fit: string | null) => (fit ? (FIT_CLASS[fit] ?? FIT_CLASS.none!) : FIT_CLASS.none!);

const PROTECTED = new Set(["endorser", "recommender"]);
/** Protected flags stand out: removing that person also deletes what they gave you. */
export const flagClass = (code: string) =>
  PROTECTED.has(code) ? "bg-blue-50 text-blue-900 ring-blue-200" : code === "competitor" ? "bg-red-50 text-red-800 ring-red-200" : "bg-gray-100 text-gray-800 ring-gray-200";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "14 Oct 2024" from "2024-10-14" or an ISO timestamp, always in UTC. Hand-rolled rather than Intl
 * so the server's and the browser's output are byte-identical (no hydration mismatch).
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(d.toISOString())}, ${hh}:${mm} UTC`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago"; `now` is passed in so a server render and its hydration agree. */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const fmt = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.trunc(seconds / size), unit);
  }
  return fmt.format(Math.trunc(seconds / 60), "minute");
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** The message a failed fetch or action shows when the server gave none. */
export const FALLBACK_ERROR = "Something went wrong on our side. Please try again.";

export const connectionsPath = (slug: string) => `/t/${slug}/connections`;
export const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
