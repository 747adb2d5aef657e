import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTeamBySlug, withTeam } from "@crm/db";
import { startTestEnv, stopTestEnv } from "../testing/setup";
import { seedDemo } from "./seed-demo";

// `npm start` seeds this for every newcomer: it must work, stay idempotent, and show each part of
// the product with data (history, scores, tags, notes, a shared view, interactions for insights).

beforeAll(startTestEnv);
afterAll(stopTestEnv);

describe("seedDemo", () => {
  it("builds a demo team with a working network, once", async () => {
    const first = await seedDemo();
    const again = await seedDemo();
    expect(again).toMatchObject({ created: false, teamSlug: first.teamSlug });
    const team = await findTeamBySlug(first.teamSlug);
    const teamId = team!.id;
    const figures = await withTeam(teamId, async (tx) => ({
      imports: await tx.import.count({ where: { status: "COMPLETED" } }),
      connected: await tx.connection.count({ where: { status: "CONNECTED" } }),
      messaged: await tx.connection.count({ where: { lastInteractionAt: { not: null } } }),
      years: (await tx.$queryRaw<Array<{ n: number }>>`SELECT count(DISTINCT extract(year FROM "connectedOn"))::int AS n FROM "Connection"`)[0]!.n,
      scored: await tx.icpScore.count(),
      tags: await tx.tag.findMany({ select: { name: true, _count: { select: { connections: true } } }, orderBy: { name: "asc" } }),
      notes: await tx.note.count(),
      sharedViews: await tx.savedView.count({ where: { shared: true } }),
      jobChanged: await tx.connection.count({ where: { jobChangedAt: { not: null } } }),
      hidden: (await tx.import.aggregate({ _sum: { hiddenCount: true } }))._sum.hiddenCount,
      pendingInvitations: await tx.pendingInvitation.count(),
    }));
    expect(figures.imports).toBe(2);
    expect(figures.connected).toBeGreaterThan(1_100);
    expect(figures.messaged).toBeGreaterThan(300);
    expect(figures.years).toBeGreaterThanOrEqual(10);
    expect(figures.scored).toBe(figures.connected);
    expect(figures.tags.map((t) => t.name)).toEqual(["Customer", "Prospect", "Recruiter"]);
    for (const t of figures.tags) expect(t._count.connections).toBeGreaterThan(20);
    expect(figures.notes).toBe(3);
    expect(figures.sharedViews).toBe(1);
    // What the import shows since issue 16: job changes on the people, hidden members, invitations.
    expect(figures.jobChanged).toBeGreaterThan(20);
    expect(figures.hidden).toBeGreaterThan(0);
    expect(figures.pendingInvitations).toBe(12);
  });
});
