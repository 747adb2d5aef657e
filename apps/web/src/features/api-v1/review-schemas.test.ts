import { describe, expect, it } from "vitest";
import { REVIEW_CHOICE_CODES, REVIEW_PAGE_LIMITS, REVIEW_REASON_MAX, type TReviewCard, type TReviewItemSummary } from "@crm/core";
import { parseReviewListQuery, ZReviewDecisionBody, ZReviewItem, ZReviewItemDetail, ZReviewVoteBody } from "./review-schemas";

/** The field readBody (lib/api-v1.ts) names: an unknown key is reported on its object, with the key. */
const firstIssue = (r: { success: boolean; error?: { issues: Array<{ code: string; path: PropertyKey[]; message: string; keys?: string[] }> } }) => {
  expect(r.success).toBe(false);
  const i = r.error!.issues[0]!;
  return { field: (i.code === "unrecognized_keys" ? [...i.path, i.keys![0]] : i.path).join("."), message: i.message };
};

describe("review list query", () => {
  it("reads the documented parameters, with the default page size", () => {
    expect(parseReviewListQuery(new URLSearchParams(""))).toEqual({ ok: true, value: { limit: REVIEW_PAGE_LIMITS.default } });
    expect(parseReviewListQuery(new URLSearchParams("account=acc_1&kind=follow_up&state=snoozed&cursor=abc&limit=200"))).toEqual({
      ok: true,
      value: { account: "acc_1", kind: "follow_up", state: "snoozed", cursor: "abc", limit: 200 },
    });
  });

  it.each([
    ["kind=stale", "kind", /remove, follow_up, job_change/],
    ["state=pending", "state", /open, snoozed, approved, done, closed/],
    ["limit=0", "limit", /1 to 200/],
    ["limit=201", "limit", /1 to 200/],
    ["limit=2.5", "limit", /whole number/],
    ["limit=ten", "limit", /number/],
    ["account=not%20an%20id", "account", /Not an id/],
    ["kind=remove&kind=follow_up", "kind", /once/],
    ["sate=open", "sate", /Unknown parameter “sate”/],
    ["view=done", "view", /Unknown parameter/],
    [`cursor=${"x".repeat(1001)}`, "cursor", /first page/],
  ])("%s is refused naming %s", (query, field, message) => {
    const r = parseReviewListQuery(new URLSearchParams(query));
    expect(r).toMatchObject({ ok: false, field });
    expect((r as { message: string }).message).toMatch(message);
  });
});

describe("vote and decision bodies", () => {
  it("accept every choice, a reason, dates and date-times", () => {
    for (const choice of REVIEW_CHOICE_CODES) expect(ZReviewVoteBody.parse({ choice })).toEqual({ choice });
    expect(ZReviewVoteBody.parse({ choice: "snooze", snoozeUntil: "2031-02-28", reason: null, version: 3 })).toEqual({ choice: "snooze", snoozeUntil: "2031-02-28", reason: null, version: 3 });
    expect(ZReviewDecisionBody.parse({ choice: "follow_up", followUpOn: "2031-01-05T09:30:00+01:00", version: 1 }).followUpOn).toBe("2031-01-05T09:30:00+01:00");
    expect(ZReviewDecisionBody.parse({ choice: "snooze", snoozeUntil: "2031-01-05T09:30:00.123Z", version: 2, reason: "r".repeat(REVIEW_REASON_MAX) }).version).toBe(2);
  });

  it.each([
    [{ choice: "maybe" }, "choice", /Unknown choice “maybe”.*keep, remove, follow_up, snooze/],
    [{}, "choice", /Give a choice/],
    [{ choice: "keep", reason: "r".repeat(REVIEW_REASON_MAX + 1) }, "reason", /at most 500 characters/],
    [{ choice: "keep", reason: 5 }, "reason", /string/],
    [{ choice: "snooze", snoozeUntil: "next week" }, "snoozeUntil", /YYYY-MM-DD/],
    [{ choice: "snooze", snoozeUntil: "2031-02-30" }, "snoozeUntil", /not a real date/],
    [{ choice: "snooze", snoozeUntil: "2031-02-03T25:00:00Z" }, "snoozeUntil", /not a real date/],
    [{ choice: "keep", version: 0 }, "version", /from 1/],
    [{ choice: "keep", version: "3" }, "version", /whole number/],
    [{ choice: "keep", snoozUntil: "2031-01-01" }, "snoozUntil", /Unknown field “snoozUntil”/],
    ["keep", "", /Send a JSON object with the fields choice, reason, snoozeUntil, version/],
    [["keep"], "", /Send a JSON object/],
  ])("a vote %j is refused naming %s", (body, field, message) => {
    const r = firstIssue(ZReviewVoteBody.safeParse(body));
    expect(r.field).toBe(field);
    expect(r.message).toMatch(message);
  });

  it.each([
    [{ choice: "keep" }, "version", /Send the item's version/],
    [{ choice: "keep", version: 1.5 }, "version", /whole number/],
    [{ choice: "approve", version: 1 }, "choice", /Unknown choice/],
    [{ choice: "follow_up", version: 1, followUpOn: "soon" }, "followUpOn", /followUpOn must be a date/],
    [{ choice: "keep", version: 1, decision: "keep" }, "decision", /Unknown field/],
  ])("a decision %j is refused naming %s", (body, field, message) => {
    const r = firstIssue(ZReviewDecisionBody.safeParse(body));
    expect(r.field).toBe(field);
    expect(r.message).toMatch(message);
  });
});

const SUMMARY: TReviewItemSummary = {
  id: "item-1",
  kind: "remove",
  state: "open",
  version: 2,
  round: 1,
  origin: "rule",
  rules: [{ code: "no_icp_fit", label: "Fits none of the team's ICPs", detail: null }],
  reason: null,
  decision: null,
  decisionReason: null,
  decidedBy: null,
  decidedAt: null,
  snoozedUntil: null,
  closedReason: null,
  executedAt: null,
  account: { id: "acc", label: "Ada’s LinkedIn", owner: { id: "u1", name: "Ada" } },
  connection: { id: "c1", name: "Maria García", profileUrl: null, linkedInUrl: "https://www.linkedin.com/search/results/people/?keywords=Maria", position: "CTO", company: "Acme", score: 12, fit: "none", flags: [{ code: "recruiter", label: "Recruiter" }] },
  invitation: null,
  votes: [{ user: { id: "u2", name: "Tom" }, choice: "remove", reason: "spam", snoozeUntil: null, at: "2026-12-05T08:00:00.000Z" }],
  tally: { keep: 0, remove: 1, follow_up: 0, snooze: 0, disagreement: false, text: "1 says remove" },
  myVote: null,
  commentCount: 0,
  canDecide: true,
  canUndo: false,
  createdAt: "2026-12-05T07:00:00.000Z",
  updatedAt: "2026-12-05T08:00:00.000Z",
};

describe("review item answers", () => {
  it("carry the summary as it is, and drop what is not documented", () => {
    expect(ZReviewItem.parse({ ...SUMMARY, internal: "x" })).toEqual(SUMMARY);
  });

  it("carry a withdraw_invitation item with its invitation (the invitee as `connection`)", () => {
    const item = {
      ...SUMMARY,
      kind: "withdraw_invitation" as const,
      rules: [{ code: "stale_invitation", label: "Invitation pending for a long time", detail: "Sent 2026-08-01 without a personal message" }],
      connection: { id: "inv-1", name: "Ines Invitee", profileUrl: null, linkedInUrl: "https://www.linkedin.com/search/results/people/?keywords=Ines", position: null, company: null, score: null, fit: null, flags: [] },
      invitation: { id: "inv-1", sentAt: "2026-08-01T09:00:00.000Z", ageDays: 126, hasMessage: false, status: "pending" as const },
    };
    expect(ZReviewItem.parse(item)).toEqual(item);
    expect(ZReviewItem.safeParse({ ...item, invitation: { ...item.invitation, status: "withdrawn" } }).success).toBe(false);
    expect(parseReviewListQuery(new URLSearchParams("kind=withdraw_invitation"))).toMatchObject({ ok: true, value: { kind: "withdraw_invitation" } });
  });

  it("carry the card's comments, history and teammates, not the connection's whole detail", () => {
    const card = {
      ...SUMMARY,
      detail: { secret: true },
      comments: [{ id: "k1", author: { id: "u2", name: "Tom" }, body: "@Ada see this", mentions: [{ id: "u1", name: "Ada" }], createdAt: "2026-12-05T08:01:00.000Z" }],
      teammatesConnected: [],
      protectedLoss: ["Recommended you"],
      history: [{ at: "2026-12-05T08:00:00.000Z", actor: { id: "u2", name: "Tom" }, action: "review.vote", text: "Tom voted remove" }],
      claim: null,
    } as unknown as TReviewCard;
    const out = ZReviewItemDetail.parse(card) as Record<string, unknown>;
    expect(out.detail).toBeUndefined();
    expect(out).toMatchObject({ id: "item-1", protectedLoss: ["Recommended you"], comments: [{ body: "@Ada see this" }] });
  });
});
