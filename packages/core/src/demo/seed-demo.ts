import { Readable } from "node:stream";
import { db, withTeam } from "@crm/db";
import { emptyIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { createLinkedInAccount, listLinkedInAccounts } from "../accounts/accounts";
import { saveIcp } from "../icps/icps";
import { rescoreIcp } from "../icps/rescore";
import { processImport } from "../imports/process-import";
import { receiveUpload } from "../imports/upload";
import { resolveTeamContext, listUserTeams, type TTeamContext } from "../teams/membership";
import { generateConnectionsCsv } from "../testing/generate-export";
import { seedDemoInvitations } from "./seed-invitations";
import { seedDemoQueue } from "./seed-queue";
import { seedDemoReminders } from "./seed-reminders";
import { seedDemoRemovals } from "./seed-removals";
import { seedDemoWithdrawals } from "./seed-withdrawals";
import { seedDemoWorkspace } from "./seed-workspace";
import { signUp } from "../users/sign-up";

export const DEMO_LOGIN = { email: "demo@example.com", password: "linkedin-cleanup-demo", name: "Dana Demo" } as const;
export const DEMO_TEAM_NAME = "Demo Team";
const DEMO_ACCOUNT = "Dana's LinkedIn";

/** Two exports a few months apart, so the import history shows new people, job changes and gone. */
async function seedNetwork(ctx: TTeamContext) {
  const existing = await listLinkedInAccounts(ctx);
  // A demo seeded before invitations were part of it gets them now; nothing else is re-seeded.
  if (existing[0]) return seedDemoInvitations(ctx, existing[0].id);
  const { id: accountId } = await createLinkedInAccount(ctx, { label: DEMO_ACCOUNT, ownerUserId: ctx.userId, timeZone: "Europe/Berlin" });
  // The newer export: 50 new people, every 37th changed jobs, every 60th is gone.
  const newer = generateConnectionsCsv({ rows: 1_200, hidden: 6, seed: 7, variant: 1, jobChangeEvery: 37, daysApart: 3.5 })
    .split("\n")
    .filter((line, i) => i < 5 || i % 60 !== 0)
    .join("\n");
  const exports = [generateConnectionsCsv({ rows: 1_150, hidden: 4, seed: 7, daysApart: 3.5 }), newer];
  for (const csv of exports) {
    const buf = Buffer.from(csv);
    const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([buf]), declaredBytes: buf.length }, { queue: false });
    await processImport(ctx.teamId, importId, { refreshScores: false });
  }
  await simulateArchiveActivity(ctx);
  // What a full archive's Invitations.csv adds (a Connections.csv has none): see seed-invitations.
  await seedDemoInvitations(ctx, accountId);
  // One ICP, scored here so the demo shows fits and reasons before any worker has run.
  const { id, version } = await saveIcp(ctx, { name: "Sales & marketing leaders", definition: DEMO_ICP });
  await rescoreIcp(ctx.teamId, id, { version });
}

/**
 * What a full archive's messages.csv and endorsement files would have added (a Connections.csv
 * has none of it), so insights and the "last interaction" filters have something to show.
 */
async function simulateArchiveActivity(ctx: TTeamContext) {
  await withTeam(ctx.teamId, async (tx) => {
    await tx.$executeRaw`UPDATE "Connection" SET "lastInteractionAt" = now() - make_interval(days => abs(hashtext(id)) % 1100),
                                                  "messageCount" = 1 + abs(hashtext(id || 'm')) % 30
                          WHERE "teamId" = ${ctx.teamId} AND abs(hashtext(id)) % 10 < 4`;
    await tx.$executeRaw`UPDATE "Connection" SET "endorsedMe" = true, "endorsementCount" = 1 + abs(hashtext(id || 'n')) % 4
                          WHERE "teamId" = ${ctx.teamId} AND abs(hashtext(id || 'e')) % 12 = 0`;
    await tx.$executeRaw`UPDATE "Connection" SET "recommendedMe" = true WHERE "teamId" = ${ctx.teamId} AND abs(hashtext(id || 'r')) % 60 = 0`;
  });
}

const DEMO_ICP: TIcpDefinition = {
  ...emptyIcpDefinition(),
  titleKeywords: { values: ["VP Sales", "Head of Marketing", "Directeur commercial"], weight: "important" },
  seniorities: { values: ["c_level", "vp", "director", "head"], weight: "important" },
  functions: { values: ["sales", "marketing"], weight: "nice" },
  excludedCompanies: ["Globex"],
  interaction: { withinMonths: 12, weight: "nice" },
};

/**
 * Idempotent: running it again leaves one demo user, team and network. Later capabilities extend
 * this (tags, ICPs, the review queue with a teammate's votes, a removal session in progress,
 * reminders, notifications and a weekly digest in var/mail) so a
 * newcomer sees the product working.
 */
export async function seedDemo(): Promise<{ email: string; password: string; teamSlug: string; created: boolean }> {
  const existing = await db().user.findUnique({ where: { email: DEMO_LOGIN.email }, select: { id: true } });
  let userId = existing?.id;
  let slug: string;
  if (userId) {
    slug = (await listUserTeams({ userId }))[0]?.slug ?? "";
  } else {
    const r = await signUp({ ...DEMO_LOGIN, teamName: DEMO_TEAM_NAME });
    userId = r.userId;
    slug = r.team.slug;
  }
  if (slug) {
    const ctx = await resolveTeamContext({ userId, slug });
    await seedNetwork(ctx);
    await seedDemoWorkspace(ctx);
    await seedDemoQueue(ctx);
    await seedDemoRemovals(ctx);
    await seedDemoWithdrawals(ctx);
    await seedDemoReminders(ctx);
  }
  return { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, teamSlug: slug, created: !existing };
}
