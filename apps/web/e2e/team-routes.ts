/** Every page under /t/[slug]; the cross-tenant spec visits each as a member of another team. */
export const TEAM_ROUTES = [
  "/t/[slug]",
  "/t/[slug]/accounts",
  "/t/[slug]/accounts/[accountId]",
  "/t/[slug]/imports/[importId]",
  "/t/[slug]/settings/members",
] as const;

/** Every team-scoped API route (a `[slug]` in its path), with the method the spec calls. */
export const TEAM_API_ROUTES = [
  { method: "GET", path: "/api/t/[slug]/imports/[importId]" },
  { method: "GET", path: "/api/t/[slug]/imports/[importId]/rejected" },
  { method: "POST", path: "/api/uploads/[slug]/[accountId]" },
] as const;

/** Fills a route's placeholders with real ids of the team under attack. */
export function fillRoute(route: string, ids: { slug: string; accountId: string; importId: string }): string {
  return route.replace("[slug]", ids.slug).replace("[accountId]", ids.accountId).replace("[importId]", ids.importId);
}
