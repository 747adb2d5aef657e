/** Every page under /t/[slug]; the cross-tenant spec visits each as a member of another team. */
export const TEAM_ROUTES = [
  "/t/[slug]",
  "/t/[slug]/accounts",
  "/t/[slug]/accounts/[accountId]",
  "/t/[slug]/accounts/[accountId]/invitations",
  "/t/[slug]/connections",
  "/t/[slug]/connections/[connectionId]",
  "/t/[slug]/icps",
  "/t/[slug]/icps/new",
  "/t/[slug]/icps/[icpId]",
  "/t/[slug]/icps/[icpId]/edit",
  "/t/[slug]/imports/[importId]",
  "/t/[slug]/insights",
  "/t/[slug]/notifications",
  "/t/[slug]/settings/members",
  "/t/[slug]/settings/queue-rules",
  "/t/[slug]/settings/data",
  "/t/[slug]/tags",
  "/t/[slug]/settings/api-keys",
  "/t/[slug]/settings/imports",
  "/t/[slug]/queue",
  "/t/[slug]/queue/review",
  "/t/[slug]/queue/items/[itemId]",
  "/t/[slug]/removals",
  "/t/[slug]/removals/[accountId]",
  "/t/[slug]/removals/[accountId]/removed",
  "/t/[slug]/removals/[accountId]/removed.csv",
  "/t/[slug]/removals/[accountId]/policy",
  "/t/[slug]/reminders",
  "/t/[slug]/settings/notifications",
  "/t/[slug]/settings/deliveries",
] as const;

export type TApiRoute = { method: "GET" | "POST" | "PATCH" | "PUT"; path: string; body: "file" | "json" | null };

/** Every team-scoped API route (a `[slug]` in its path), with the method and body the spec sends. */
export const TEAM_API_ROUTES: readonly TApiRoute[] = [
  { method: "GET", path: "/api/t/[slug]/connections", body: null },
  { method: "GET", path: "/api/t/[slug]/connections/[connectionId]", body: null },
  { method: "GET", path: "/api/t/[slug]/connections/export", body: null },
  { method: "GET", path: "/api/t/[slug]/exports/[exportId]", body: null },
  { method: "GET", path: "/api/t/[slug]/exports/[exportId]/download", body: null },
  { method: "GET", path: "/api/t/[slug]/icps/[icpId]", body: null },
  { method: "POST", path: "/api/t/[slug]/icps/preview", body: "json" },
  { method: "GET", path: "/api/t/[slug]/imports/[importId]", body: null },
  { method: "GET", path: "/api/t/[slug]/imports/[importId]/rejected", body: null },
  { method: "GET", path: "/api/t/[slug]/notifications", body: null },
  { method: "POST", path: "/api/t/[slug]/notifications/read", body: "json" },
  { method: "GET", path: "/api/t/[slug]/notifications/unread", body: null },
  { method: "POST", path: "/api/uploads/[slug]/[accountId]", body: "file" },
  { method: "GET", path: "/api/t/[slug]/review/counts", body: null },
  { method: "POST", path: "/api/t/[slug]/review/claim", body: "json" },
  { method: "GET", path: "/api/t/[slug]/review/items/[itemId]", body: null },
  { method: "POST", path: "/api/t/[slug]/review/items/[itemId]/release", body: "json" },
  { method: "GET", path: "/api/t/[slug]/removals/[accountId]/session", body: null },
  { method: "POST", path: "/api/t/[slug]/removals/items/[itemId]/outcome", body: "json" },
  { method: "POST", path: "/api/t/[slug]/removals/outcomes/[outcomeId]/undo", body: "json" },
  { method: "POST", path: "/api/t/[slug]/reminders", body: "json" },
  { method: "PATCH", path: "/api/t/[slug]/reminders/[id]", body: "json" },
  { method: "GET", path: "/api/t/[slug]/reminders/connection/[connectionId]", body: null },
  { method: "PUT", path: "/api/t/[slug]/tags/[tagId]/cadence", body: "json" },
  { method: "PATCH", path: "/api/t/[slug]/notification-settings", body: "json" },
  { method: "POST", path: "/api/t/[slug]/digest/send-now", body: "json" },
  { method: "GET", path: "/api/t/[slug]/deliveries", body: null },
  { method: "POST", path: "/api/t/[slug]/deliveries/[outboxId]/retry", body: "json" },
];

export type TRouteIds = { slug: string; accountId: string; importId: string; icpId: string; connectionId: string; exportId: string; itemId: string; outcomeId?: string };

/**
 * Fills a route's placeholders with real ids of the team under attack. A removal outcome id falls
 * back to the item id: team B is refused at the team, before any id is looked up.
 */
export function fillRoute(route: string, ids: TRouteIds): string {
  return route.replace("[slug]", ids.slug).replace("[accountId]", ids.accountId).replace("[importId]", ids.importId).replace("[icpId]", ids.icpId).replace("[connectionId]", ids.connectionId).replace("[exportId]", ids.exportId).replace("[itemId]", ids.itemId).replace("[outcomeId]", ids.outcomeId ?? ids.itemId).replace("[outboxId]", ids.itemId).replace("[id]", ids.itemId).replace("[tagId]", ids.itemId);
}
