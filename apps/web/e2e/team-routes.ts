/** Every page under /t/[slug]; the cross-tenant spec visits each as a member of another team. */
export const TEAM_ROUTES = ["/t/[slug]", "/t/[slug]/settings/members"] as const;
