import { db } from "@crm/db";
import { listUserTeams } from "../teams/membership";
import { signUp } from "../users/sign-up";

export const DEMO_LOGIN = { email: "demo@example.com", password: "linkedin-cleanup-demo", name: "Dana Demo" } as const;
export const DEMO_TEAM_NAME = "Demo Team";

/**
 * Idempotent: running it again leaves one demo user and team. Later capabilities extend this
 * (accounts, connections, tags, ICPs, queue) so a newcomer sees the product working.
 */
export async function seedDemo(): Promise<{ email: string; password: string; teamSlug: string; created: boolean }> {
  const existing = await db().user.findUnique({ where: { email: DEMO_LOGIN.email }, select: { id: true } });
  if (existing) {
    const teams = await listUserTeams({ userId: existing.id });
    const slug = teams[0]?.slug ?? "";
    return { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, teamSlug: slug, created: false };
  }
  const { team } = await signUp({ ...DEMO_LOGIN, teamName: DEMO_TEAM_NAME });
  return { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, teamSlug: team.slug, created: true };
}
