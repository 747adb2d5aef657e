import type { TConnectionFilter } from "@crm/core/connections/filter/types";
import { serializeFilter } from "@crm/core/connections/filter/serialize";

// The table's URL is its filter (shareable, back button works). The server reads it with core's
// parseFilter; the browser writes it with core's serializeFilter, imported by path: that module
// and its imports are plain constants, so the page ships no zod and no scoring rules.

export { DEFAULT_SORT_DIR as SORT_DIR } from "@crm/core/connections/filter/canonical";

export function filterQuery(f: TConnectionFilter): string {
  return serializeFilter(f).toString();
}

/** Query parameters that are the page's, not the filter's (the open drawer). */
export const PAGE_PARAMS = ["open"] as const;

export type TLastInteraction = { value: string; label: string; activeMonths?: number; inactiveMonths?: number; messaged?: boolean };

export const LAST_INTERACTION: TLastInteraction[] = [
  { value: "", label: "Any time" },
  { value: "active-3", label: "Messaged within 3 months", activeMonths: 3 },
  { value: "active-6", label: "Messaged within 6 months", activeMonths: 6 },
  { value: "active-12", label: "Messaged within 12 months", activeMonths: 12 },
  { value: "inactive-6", label: "No message in 6 months", inactiveMonths: 6 },
  { value: "inactive-12", label: "No message in 12 months", inactiveMonths: 12 },
  { value: "inactive-24", label: "No message in 24 months", inactiveMonths: 24 },
  { value: "never", label: "Never messaged", messaged: false },
];

export function lastInteractionValue(f: Pick<TConnectionFilter, "activeMonths" | "inactiveMonths" | "messaged">): string {
  if (f.activeMonths === undefined && f.inactiveMonths === undefined && f.messaged === undefined) return "";
  const hit = LAST_INTERACTION.find((o) => o.activeMonths === f.activeMonths && o.inactiveMonths === f.inactiveMonths && o.messaged === f.messaged);
  return hit?.value ?? "custom";
}
