import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { addMember } from "../testing/add-member";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { DEFAULT_QUEUE_RULES } from "./queue-rules";
import { getQueueRules, updateQueueRules } from "./queue-settings";

let owner: TSignedUpUser;
let other: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  owner = await signUpUser("qs-owner");
  other = await signUpUser("qs-other");
});
afterAll(stopTestEnv);

describe("queue rules settings", () => {
  it("everyone reads the defaults; only owners and admins may edit", async () => {
    const member = await addMember(owner, "qs-member", "MEMBER");
    const r = await getQueueRules(member.ctx);
    expect(r).toEqual({ rules: DEFAULT_QUEUE_RULES, version: 0, canEdit: false, updatedAt: null, updatedBy: null });
    expect((await getQueueRules(owner.ctx)).canEdit).toBe(true);
    expect((await rejectionOf(updateQueueRules(member.ctx, { rules: { followUpMonths: 3 }, version: 0 }))).code).toBe("FORBIDDEN");
  });

  it("saves a partial change over the current rules, audits before/after, and refuses a stale version naming who saved", async () => {
    const admin = await addMember(owner, "qs-admin", "ADMIN");
    const saved = await updateQueueRules(admin.ctx, { rules: { followUpMonths: 3, flags: { recruiter: true } }, version: 0 });
    expect(saved.version).toBe(1);
    expect(saved.rules).toEqual({ ...DEFAULT_QUEUE_RULES, followUpMonths: 3, flags: { ...DEFAULT_QUEUE_RULES.flags, recruiter: true } });
    const read = await getQueueRules(owner.ctx);
    expect(read).toMatchObject({ version: 1, rules: saved.rules, updatedBy: { id: admin.userId, name: "qs-admin Person" } });

    const stale = await rejectionOf(updateQueueRules(owner.ctx, { rules: { keepMonths: 12 }, version: 0 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/^qs-admin Person changed the queue rules \d+ s ago/);

    const audit = await withTeam(owner.team.id, (tx) => tx.auditLog.findFirst({ where: { action: "queue_rules.update" }, orderBy: { createdAt: "desc" } }));
    expect(audit).toMatchObject({ actorUserId: admin.userId, metadata: { before: DEFAULT_QUEUE_RULES, after: saved.rules, version: 1 } });
  });

  it("validates with field names; protected tags must be the team's", async () => {
    const { version } = await getQueueRules(owner.ctx);
    const cases: Array<[unknown, string]> = [
      [{ followUpMonths: 0 }, "followUpMonths"],
      [{ keepMonths: 25 }, "keepMonths"],
      [{ flags: { stale: "yes" } }, "flags.stale"],
      [{ sparkle: true }, "sparkle"],
      [{ protectedTagIds: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "protectedTagIds"],
      ["everything", "rules"],
    ];
    for (const [rules, field] of cases) {
      const e = (await rejectionOf(updateQueueRules(owner.ctx, { rules, version }))) as { code?: string; details?: { field?: string } };
      expect([e.code, e.details?.field], JSON.stringify(rules)).toEqual(["VALIDATION", field]);
    }
    const foreign = await withTeam(other.team.id, (tx) => tx.tag.create({ data: { teamId: other.team.id, name: "Theirs", nameKey: "theirs", color: "red" } }));
    const mine = await withTeam(owner.team.id, (tx) => tx.tag.create({ data: { teamId: owner.team.id, name: "VIP", nameKey: "vip", color: "red" } }));
    const e = (await rejectionOf(updateQueueRules(owner.ctx, { rules: { protectedTagIds: [mine.id, foreign.id] }, version }))) as { code?: string; details?: { field?: string } };
    expect([e.code, e.details?.field]).toEqual(["VALIDATION", "protectedTagIds.1"]);
    const ok = await updateQueueRules(owner.ctx, { rules: { protectedTagIds: [mine.id, mine.id] }, version });
    expect(ok.rules.protectedTagIds).toEqual([mine.id]);
    // Another team sees its own defaults, not these rules.
    expect((await getQueueRules(other.ctx)).rules).toEqual(DEFAULT_QUEUE_RULES);
  });
});
