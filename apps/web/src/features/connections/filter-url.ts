import { serializeFilter } from "@crm/core/connections/filter/serialize";
import type { TConnectionFilter } from "@crm/core/connections/filter/types";

// The table's URL is its filter (shareable, back button works). The browser writes it with the
// same serializer the server reads it with, so what the address bar shows is canonical.

export const filterQuery = (f: TConnectionFilter): string => serializeFilter(f).toString();

/** Query parameters that are the page's, not the filter's (the open drawer). */
export const PAGE_PARAMS = ["open"] as const;

export type TLastInteraction = { value: string; label: string; activeMonths?: number; inactiveMonths?: number };

// "Never" is "no message in 20 years" (the filter language's longest span): LinkedIn messages
// older than that do not exist in practice.
export const LAST_INTERACTION: TLastInteraction[] = [
  { value: "", label: "Any time" },
  { value: "active-3", label: "Messaged within 3 months", activeMonths: 3 },
  { value: "active-6", label: "Messaged within 6 months", activeMonths: 6 },
  { value: "active-12", label: "Messaged within 12 months", activeMonths: 12 },
  { value: "inactive-6", label: "No message in 6 months", inactiveMonths: 6 },
  { value: "inactive-12", label: "No message in 12 months", inactiveMonths: 12 },
  { value: "inactive-24", label: "No message in 24 months", inactiveMonths: 24 },
  { value: "never", label: "Never messaged", inactiveMonths: 240 },
];

export function lastInteractionValue(f: Pick<TConnectionFilter, "activeMonths" | "inactiveMonths">): string {
  if (f.activeMonths === undefined && f.inactiveMonths === undefined) return "";
  const hit = LAST_INTERACTION.find((o) => o.activeMonths === f.activeMonths && o.inactiveMonths === f.inactiveMonths);
  return hit?.value ?? "custom";
}
