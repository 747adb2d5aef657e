import { describe, expect, it } from "vitest";
import { storableText } from "./build-queue";
import { clip, closeReason, DEFAULT_QUEUE_RULES, evaluateQueueRules, invitationCloseReason, invitationQualifies, parseStoredRules, staleInvitationText, ZQueueRules, type TInvitationCandidate, type TQueueCandidate, type TQueueRules } from "./queue-rules";

const NOW = new Date("2026-12-05T12:00:00Z");
const rules = (over: Partial<TQueueRules> = {}): TQueueRules => ({ ...DEFAULT_QUEUE_RULES, ...over, flags: { ...DEFAULT_QUEUE_RULES.flags, ...over.flags } });
const score = (icpName: string, s: number, flags: string[] = []) => ({ icpName, score: s, band: (s >= 70 ? "strong" : s >= 40 ? "partial" : "none") as "strong" | "partial" | "none", flags });

function person(over: Partial<TQueueCandidate> = {}): TQueueCandidate {
  return {
    connected: true,
    position: "Engineer",
    company: "Initech",
    connectedOn: "2016-03-14",
    lastInteractionAt: null,
    endorsedMe: false,
    recommendedMe: false,
    tags: [],
    scores: [score("Enterprise buyers", 12), score("Founders", 32)],
    flagTexts: {},
    unscoredFlags: [],
    jobChange: null,
    ...over,
  };
}
const kinds = (c: TQueueCandidate, r = rules()) => evaluateQueueRules(c, r, NOW).map((p) => `${p.kind}:${p.rules.join("+")}`);

describe("remove: fits none of the team's ICPs", () => {
  it("proposes someone with no strong or partial band under any ICP, naming the ICPs and the best score", () => {
    const [p] = evaluateQueueRules(person(), rules(), NOW);
    expect(p).toEqual({ kind: "REMOVE", rules: ["no_icp_fit"], detail: { no_icp_fit: "Fits none of: Enterprise buyers, Founders (best: 32 under Founders, no fit)" } });
  });
  it("a strong fit under one ICP keeps them out, whatever the other says", () => {
    expect(kinds(person({ scores: [score("A", 10), score("B", 85)], lastInteractionAt: new Date("2026-11-01") }))).toEqual([]);
  });
  it("a partial fit under any ICP keeps them out of no_icp_fit", () => {
    expect(kinds(person({ scores: [score("A", 10), score("B", 45)] }))).toEqual([]);
  });
  it("a team without an ICP gets no no_icp_fit items", () => {
    expect(kinds(person({ scores: [] }))).toEqual([]);
  });
  it("someone not yet scored under every ICP is not known to fit none", () => {
    expect(kinds(person({ scores: [score("A", 10), { icpName: "B", score: null, band: null, flags: [] }] }))).toEqual([]);
  });
  it("the rule can be turned off", () => {
    expect(kinds(person(), rules({ removeNoIcpFit: false }))).toEqual([]);
  });
});

describe("remove: flags", () => {
  it("uses the scorer's flags (union over the ICPs) for each enabled flag rule, in a fixed order", () => {
    const c = person({ scores: [score("A", 50, ["stale"]), score("B", 20, ["open_networker", "competitor"])], flagTexts: { open_networker: "Open networker (LION): accepts anyone, usually a weak tie." } });
    const [p] = evaluateQueueRules(c, rules(), NOW);
    expect(p!.rules).toEqual(["open_networker", "competitor", "stale"]);
    expect(p!.detail).toEqual({
      open_networker: "Open networker (LION): accepts anyone, usually a weak tie.",
      competitor: "Works at Initech, excluded by B",
      stale: "No message, connected 2016-03",
    });
  });
  it("recruiter and student are off by default and on when enabled", () => {
    const c = person({ scores: [score("A", 50, ["recruiter", "student"])] });
    expect(kinds(c)).toEqual([]);
    expect(kinds(c, rules({ flags: { ...DEFAULT_QUEUE_RULES.flags, recruiter: true, student: true } }))).toEqual(["REMOVE:recruiter+student"]);
  });
  it("a disabled flag rule proposes nothing", () => {
    expect(kinds(person({ scores: [score("A", 50, ["stale"])] }), rules({ flags: { ...DEFAULT_QUEUE_RULES.flags, stale: false } }))).toEqual([]);
  });
  it("flag rules never propose a strong fit", () => {
    expect(kinds(person({ scores: [score("A", 90, ["open_networker", "stale"])], lastInteractionAt: new Date("2026-10-01") }))).toEqual([]);
  });
  it("without an ICP, the flags computed without one count", () => {
    expect(kinds(person({ scores: [], unscoredFlags: ["stale", "open_networker"] }))).toEqual(["REMOVE:open_networker+stale"]);
  });
  it("stale says when the last message was", () => {
    const [p] = evaluateQueueRules(person({ scores: [score("A", 50, ["stale"])], lastInteractionAt: new Date("2019-03-02T00:00:00Z") }), rules(), NOW);
    expect(p!.detail.stale).toBe("Last message 2019-03, connected 2016-03");
  });
});

describe("never proposed for removal", () => {
  it("endorsers and recommenders (column or flag)", () => {
    expect(kinds(person({ endorsedMe: true }))).toEqual([]);
    expect(kinds(person({ recommendedMe: true }))).toEqual([]);
    expect(kinds(person({ scores: [score("A", 10, ["endorser", "stale"])] }))).toEqual([]);
    expect(closeReason(person({ endorsedMe: true, endorsementCount: 3 }), "REMOVE", rules(), NOW)).toBe("Endorsed you (3 endorsements)");
  });
  it("anyone carrying a protected tag; other tags do not protect", () => {
    const c = person({ tags: [{ id: "t-vip", name: "VIP" }] });
    expect(kinds(c)).toEqual(["REMOVE:no_icp_fit"]);
    expect(kinds(c, rules({ protectedTagIds: ["t-vip"] }))).toEqual([]);
    expect(closeReason(c, "REMOVE", rules({ protectedTagIds: ["t-vip"] }), NOW)).toBe("Tagged “VIP” (protected)");
  });
  it("protection does not stop a follow-up or a job change", () => {
    const c = person({ endorsedMe: true, scores: [score("A", 80)], jobChange: { at: new Date("2026-12-01T10:00:00Z"), from: { company: "Acme", position: "VP Sales" }, to: { company: "Globex", position: "VP Sales" } } });
    expect(kinds(c)).toEqual(["FOLLOW_UP:follow_up_due", "JOB_CHANGE:job_change"]);
  });
  it("people no longer connected get nothing", () => {
    expect(kinds(person({ connected: false }))).toEqual([]);
    expect(closeReason(null, "REMOVE", rules(), NOW)).toBe("No longer connected");
  });
});

describe("follow-up", () => {
  it("a strong fit never messaged, or not for followUpMonths", () => {
    const [p] = evaluateQueueRules(person({ scores: [score("Enterprise buyers", 82)] }), rules(), NOW);
    expect(p).toEqual({ kind: "FOLLOW_UP", rules: ["follow_up_due"], detail: { follow_up_due: "Strong fit for Enterprise buyers (82), never messaged" } });
    expect(kinds(person({ scores: [score("A", 82)], lastInteractionAt: new Date("2026-05-01") }))).toEqual(["FOLLOW_UP:follow_up_due"]);
    expect(kinds(person({ scores: [score("A", 82)], lastInteractionAt: new Date("2026-07-01") }))).toEqual([]);
    expect(kinds(person({ scores: [score("A", 82)], lastInteractionAt: new Date("2026-07-01") }), rules({ followUpMonths: 3 }))).toEqual(["FOLLOW_UP:follow_up_due"]);
  });
  it("a partial fit is not followed up; close reasons say why", () => {
    expect(kinds(person({ scores: [score("A", 60)], lastInteractionAt: new Date("2026-12-01") }))).toEqual([]);
    expect(closeReason(person({ scores: [score("A", 82)], lastInteractionAt: new Date("2026-11-20T00:00:00Z") }), "FOLLOW_UP", rules(), NOW)).toBe("Messaged 2026-11-20");
    expect(closeReason(person({ scores: [score("A", 60)] }), "FOLLOW_UP", rules(), NOW)).toBe("No longer a strong fit");
  });
});

describe("job change", () => {
  const jobChange = { at: new Date("2026-12-01T10:00:00Z"), from: { company: "Acme", position: "VP Sales" }, to: { company: "Globex", position: "CRO" } };
  it("proposes a re-evaluation with what changed", () => {
    const p = evaluateQueueRules(person({ jobChange, scores: [score("A", 50)] }), rules(), NOW);
    expect(p).toEqual([{ kind: "JOB_CHANGE", rules: ["job_change"], detail: { job_change: "Acme → Globex; VP Sales → CRO (seen 2026-12-01)" } }]);
    expect(kinds(person({ jobChange, scores: [score("A", 50)] }), rules({ jobChanges: false }))).toEqual([]);
    expect(closeReason(person({ scores: [score("A", 50)] }), "JOB_CHANGE", rules(), NOW)).toBe("No job change in the latest import");
  });
});

describe("close reasons", () => {
  it("someone who now fits says under which ICP", () => {
    expect(closeReason(person({ scores: [score("Enterprise buyers", 45), score("Founders", 20)] }), "REMOVE", rules(), NOW)).toBe("Now fits Enterprise buyers (partial)");
    expect(closeReason(person(), "REMOVE", rules({ removeNoIcpFit: false }), NOW)).toBe("No longer matches any queue rule");
  });
});

describe("ZQueueRules", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_QUEUE_RULES).toEqual({
      removeNoIcpFit: true,
      flags: { open_networker: true, competitor: true, stale: true, recruiter: false, student: false },
      followUp: true,
      followUpMonths: 6,
      jobChanges: true,
      protectedTagIds: [],
      keepMonths: 6,
      adminsDecide: false,
      withdrawInvitations: true,
      withdrawAfterDays: 60,
    });
  });
  it("refuses out-of-range months and too many tags, naming the field", () => {
    const r = ZQueueRules.safeParse({ followUpMonths: 37 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["followUpMonths"]);
    expect(ZQueueRules.safeParse({ keepMonths: 0 }).success).toBe(false);
    expect(ZQueueRules.safeParse({ keepMonths: 1.5 }).success).toBe(false);
    expect(ZQueueRules.safeParse({ protectedTagIds: Array.from({ length: 51 }, (_, i) => `t${i}`) }).success).toBe(false);
  });
  it("reads a broken stored value field by field", () => {
    expect(parseStoredRules({ followUpMonths: 99, keepMonths: 3, flags: { recruiter: true, stale: "x" } })).toEqual({
      ...DEFAULT_QUEUE_RULES,
      keepMonths: 3,
      flags: { ...DEFAULT_QUEUE_RULES.flags, recruiter: true },
    });
    expect(parseStoredRules(null)).toEqual(DEFAULT_QUEUE_RULES);
  });
});

describe("text cut for the card", () => {
  it("cuts between whole characters: an emoji, a flag or an accented letter at the cut stays whole or goes", () => {
    expect(clip(`${"x".repeat(58)}🚀 Head of Growth`, 60)).toBe(`${"x".repeat(58)}…`);
    expect(clip(`${"x".repeat(57)}🚀 Head of Growth`, 60)).toBe(`${"x".repeat(57)}🚀…`);
    expect(clip(`${"x".repeat(58)}🇧🇷 Brazil`, 60)).toBe(`${"x".repeat(58)}…`);
    expect(clip(`${"x".repeat(57)}e\u0301tude`, 60)).toBe(`${"x".repeat(57)}e\u0301…`);
    expect(clip(`${"x".repeat(58)}e\u0301tude`, 60)).toBe(`${"x".repeat(58)}…`);
    expect(clip("short 🚀", 60)).toBe("short 🚀");
    for (let n = 0; n < 70; n++) {
      const out = clip(`${"y".repeat(n)}🚀🚀🚀${"z".repeat(80)}`, 60);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out), `cut after ${n}`).toBe(false);
      expect(out.length).toBeLessThanOrEqual(60);
    }
  });

  it("a job change cut at an emoji leaves no half character in the sentence", () => {
    const c = person({ jobChange: { at: NOW, from: { company: "Acme", position: "Engineer" }, to: { company: "Acme", position: `${"x".repeat(58)}🚀 Head of Growth` } } });
    const detail = evaluateQueueRules(c, rules(), NOW).find((p) => p.kind === "JOB_CHANGE")!.detail.job_change!;
    expect(detail).toBe(`Engineer → ${"x".repeat(58)}… (seen 2026-12-05)`);
    expect(JSON.stringify(detail)).not.toMatch(/\\ud8/i);
  });

  it("what the build stores has no lone surrogate and no NUL", () => {
    expect(storableText("Globex \ud83d")).toBe("Globex \ufffd");
    expect(storableText("a\u0000b")).toBe("a\ufffdb");
    expect(storableText("ok 🚀")).toBe("ok 🚀");
  });
});

describe("the withdraw rule (stale_invitation)", () => {
  const sent = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
  const inv = (over: Partial<TInvitationCandidate> = {}): TInvitationCandidate => ({ status: "PENDING", direction: "OUTGOING", sentAt: sent(61), hasMessage: false, ...over });

  it("proposes outgoing pending invitations sent before now − withdrawAfterDays", () => {
    expect(invitationQualifies(inv(), rules(), NOW)).toBe(true);
    expect(invitationQualifies(inv({ sentAt: sent(59) }), rules(), NOW)).toBe(false);
    expect(invitationQualifies(inv({ direction: "INCOMING" }), rules(), NOW)).toBe(false);
    expect(invitationQualifies(inv({ status: "ACCEPTED" }), rules(), NOW)).toBe(false);
    expect(invitationQualifies(inv({ sentAt: null }), rules(), NOW)).toBe(false);
    expect(invitationQualifies(inv(), rules({ withdrawInvitations: false }), NOW)).toBe(false);
    expect(invitationQualifies(inv({ sentAt: sent(61) }), rules({ withdrawAfterDays: 90 }), NOW)).toBe(false);
  });

  it("says when it was sent and whether it carried a message, in absolute terms; closing says why", () => {
    expect(staleInvitationText(new Date("2026-08-01T10:00:00Z"), false)).toBe("Sent 2026-08-01 without a personal message");
    expect(staleInvitationText(new Date("2026-08-01T10:00:00Z"), true)).toBe("Sent 2026-08-01 with a personal message");
    expect(invitationCloseReason(inv({ status: "ACCEPTED" }), rules())).toBe("They accepted the invitation");
    expect(invitationCloseReason(inv({ status: "GONE" }), rules())).toMatch(/^The invitation is no longer pending/);
    expect(invitationCloseReason(inv({ sentAt: new Date("2026-10-01T00:00:00Z") }), rules({ withdrawAfterDays: 90 }))).toBe("Sent 2026-10-01: pending for less than 90 days");
  });

  it("refuses a threshold outside 14–365 whole days and keeps the stored default for a bad one", () => {
    expect(ZQueueRules.safeParse({ withdrawAfterDays: 13 }).error!.issues[0]!.message).toBe("Withdraw invitations after: at least 14 days.");
    expect(ZQueueRules.safeParse({ withdrawAfterDays: 30.5 }).error!.issues[0]!.message).toBe("Withdraw invitations after: give a whole number of days.");
    expect(ZQueueRules.safeParse({ withdrawAfterDays: "60" }).error!.issues[0]!.message).toBe("Withdraw invitations after: give a whole number of days.");
    expect(parseStoredRules({ withdrawAfterDays: 1000, withdrawInvitations: false })).toMatchObject({ withdrawAfterDays: 60, withdrawInvitations: false });
  });
});
