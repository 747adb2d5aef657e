import { z } from "zod";
import { FITS, REVIEW_CHOICE_CODES, REVIEW_KIND_CODES, REVIEW_PAGE_LIMITS, REVIEW_REASON_MAX, REVIEW_STATE_CODES } from "@crm/core";
import { ZFlag } from "./schemas";

// The review queue's shapes in /api/v1 (issue 10). The public wire format is the services'
// TReviewItemSummary / TReviewCard as they are (camelCase fields, lower-case snake_case codes), so
// the app and the API speak the same vocabulary; apiJson strips anything the services add later
// until it is documented here.

const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an id: letters, digits, “_” and “-”, at most 64 characters.");
const ZInstant = z.string().describe("ISO 8601 date-time, UTC");
const CHOICES = REVIEW_CHOICE_CODES.join(", ");

export const ZReviewKind = z
  .enum(REVIEW_KIND_CODES)
  .describe(
    "remove: a removal candidate; follow_up: a strong fit nobody wrote to for months; job_change: their company or title changed in the last import; withdraw_invitation: an outgoing LinkedIn invitation pending for long (see `invitation`; choices keep, remove = withdraw, snooze — no follow_up).",
  );
export const ZReviewState = z
  .enum(REVIEW_STATE_CODES)
  .describe("open: waiting for votes and the decision; snoozed: back on `snoozedUntil`; approved: approved for removal, or for withdrawal of an invitation (not yet executed); done: decided keep or follow-up; closed: its reason went away (see `closedReason`).");
export const ZReviewChoice = z.enum(REVIEW_CHOICE_CODES);

export const ZUserRef = z.object({ id: z.string(), name: z.string() });

export const ZRuleReason = z.object({
  code: z.string().describe("The rule's snake_case code (e.g. no_icp_fit, open_networker, competitor, stale, recruiter, student, follow_up, job_change, stale_invitation, manual); the Queue rules settings page lists them."),
  label: z.string().describe("The rule, for people."),
  detail: z.string().nullable().describe("What made it apply to this person (e.g. “No message since 2019-03”)."),
});

export const ZReviewVote = z.object({
  user: ZUserRef,
  choice: ZReviewChoice,
  reason: z.string().nullable(),
  snoozeUntil: ZInstant.nullable(),
  at: ZInstant,
});

export const ZReviewTally = z.object({
  keep: z.int().min(0),
  remove: z.int().min(0),
  follow_up: z.int().min(0),
  snooze: z.int().min(0),
  disagreement: z.boolean().describe("At least two different choices among the votes."),
  text: z.string().describe("“2 say remove, 1 says keep” (most votes first); empty without votes."),
});

export const ZReviewConnection = z.object({
  id: z.string().describe("The connection's id (GET /connections/{id} has everything about them). For a withdraw_invitation item: the invitation's id (the invitee is not a connection; position, company, score and fit are null, flags empty)."),
  name: z.string(),
  profileUrl: z.string().nullable().describe("The LinkedIn profile URL from the export, when it had one."),
  linkedInUrl: z.string().describe("The profile, or a LinkedIn people search when the export had no URL."),
  position: z.string().nullable(),
  company: z.string().nullable(),
  score: z.int().min(0).max(100).nullable().describe("The best score over the team's ICPs; null when not scored."),
  fit: z.string().nullable().describe(`The fit of that best score: ${FITS.join(", ")}.`),
  flags: z.array(ZFlag),
});

export const ZReviewInvitation = z
  .object({
    id: z.string().describe("The invitation's id."),
    sentAt: ZInstant.nullable().describe("When it was sent (from the LinkedIn export); null when the export had no date."),
    ageDays: z.int().min(0).nullable().describe("Whole days since it was sent."),
    hasMessage: z.boolean().describe("It carried a personal message."),
    status: z.enum(["pending", "accepted", "gone"]).describe("pending: still listed by the latest export; accepted: they are a connection now; gone: withdrawn, declined or expired."),
  })
  .describe("The outgoing invitation of a withdraw_invitation item; null for every other kind.");

/** One item of the queue, as the list and the writes answer it. */
export const ZReviewItem = z.object({
  id: z.string(),
  kind: ZReviewKind,
  state: ZReviewState,
  version: z.int().min(1).describe("Send it back with a decision (and optionally a vote): a write on an older version is a 409 that says what changed."),
  round: z.int().min(1).describe("Starts at 1; a new round begins when a settled item comes back (votes belong to a round)."),
  origin: z.enum(["rule", "manual"]).describe("rule: the queue build put it there; manual: a person proposed it."),
  rules: z.array(ZRuleReason).describe("Why it is in the queue."),
  reason: z.string().nullable().describe("The proposer's reason, for an item proposed by hand."),
  decision: ZReviewChoice.nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: ZUserRef.nullable(),
  decidedAt: ZInstant.nullable(),
  snoozedUntil: ZInstant.nullable(),
  closedReason: z.string().nullable(),
  executedAt: ZInstant.nullable().describe("When the approved removal was carried out; from then on it cannot be undone."),
  account: z.object({ id: z.string(), label: z.string(), owner: ZUserRef }).describe("The LinkedIn account the connection belongs to; its owner decides."),
  connection: ZReviewConnection,
  invitation: ZReviewInvitation.nullable(),
  votes: z.array(ZReviewVote).describe("This round's votes, one per member."),
  tally: ZReviewTally,
  myVote: ZReviewChoice.nullable().describe("The vote of the member who created the API key."),
  commentCount: z.int().min(0),
  canDecide: z.boolean().describe("The key's creator may decide: they own the account (or are an admin and the team lets admins decide)."),
  canUndo: z.boolean().describe("The key's creator may undo the latest decision (decided, not executed, and canDecide)."),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});

export const ZReviewItemList = z.object({
  data: z.array(ZReviewItem),
  nextCursor: z.string().nullable().describe("Pass as `cursor` with the same filters for the next page; null on the last page."),
});

export const ZReviewComment = z.object({ id: z.string(), author: ZUserRef.nullable(), body: z.string(), mentions: z.array(ZUserRef), createdAt: ZInstant });

/** One item with what its card shows. */
export const ZReviewItemDetail = ZReviewItem.extend({
  comments: z.array(ZReviewComment),
  teammatesConnected: z
    .array(z.object({ accountId: z.string(), accountLabel: z.string(), owner: ZUserRef, connectionId: z.string(), lastInteractionAt: ZInstant.nullable(), messageCount: z.int().min(0) }))
    .describe("The same person in other LinkedIn accounts of the team."),
  protectedLoss: z.array(z.string()).describe("What removing this person loses (endorsements, a recommendation, protected tags)."),
  history: z.array(z.object({ at: ZInstant, actor: ZUserRef.nullable(), action: z.string(), text: z.string() })).describe("The item's audit trail, newest first."),
  claim: z.object({ user: ZUserRef, expiresAt: ZInstant }).nullable().describe("Who is looking at the card in the app right now, if anyone."),
});

export const ZReviewUndoResult = z.object({
  restored: z.int().min(0),
  skipped: z.array(z.object({ id: z.string(), why: z.string() })),
  item: ZReviewItem.nullable().describe("The item after the undo."),
});

// --- requests ----------------------------------------------------------------------------------
/** A date (YYYY-MM-DD) or an ISO 8601 date-time with Z or an offset. */
const WHEN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const validDate = (s: string) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) && (s.length !== 10 || new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

const ZChoiceIn = z.enum(REVIEW_CHOICE_CODES, { error: (iss) => (iss.input === undefined ? `Give a choice: one of ${CHOICES}.` : `Unknown choice “${String(iss.input).slice(0, 40)}”. Choose one of ${CHOICES}.`) });
const ZReasonIn = z
  .string("reason must be a string.")
  .max(REVIEW_REASON_MAX, `A reason has at most ${REVIEW_REASON_MAX} characters.`)
  .nullable()
  .optional()
  .describe(`Optional, at most ${REVIEW_REASON_MAX} characters.`);
const when = (field: string, what: string) =>
  z
    .string(`${field} must be a date (YYYY-MM-DD) or an ISO 8601 date-time.`)
    .regex(WHEN, `${field} must be a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2027-01-31T09:00:00Z.`)
    .refine(validDate, `${field} is not a real date.`)
    .nullable()
    .optional()
    .describe(what);
const ZVersionIn = z.int({ error: (iss) => (iss.input === undefined ? "Send the item's version (from GET), so a write on an item that changed meanwhile is refused." : "version must be a whole number (the item's version from GET).") }).min(1, "version must be a whole number from 1 (the item's version from GET).");
/** Unknown fields are refused, naming them (readBody puts the key in `field`): a misspelt snoozeUntil must not pass unnoticed. */
export const strictBody = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `Unknown field “${String(iss.keys[0]).slice(0, 40)}”. The fields are: ${Object.keys(shape).join(", ")}.`
        : iss.code === "invalid_type"
          ? `Send a JSON object with the fields ${Object.keys(shape).join(", ")}.`
          : undefined,
  });

export const ZReviewVoteBody = strictBody({
  choice: ZChoiceIn,
  reason: ZReasonIn,
  snoozeUntil: when("snoozeUntil", "Required with choice snooze: when you propose it comes back; in the future, at most a year ahead. A date is that day's start, UTC."),
  version: ZVersionIn.optional().describe("Optional: the item's version; when given, a vote on a changed item is a 409."),
});

export const ZReviewDecisionBody = strictBody({
  choice: ZChoiceIn.describe(
    "remove → approved for removal (withdraw_invitation: approved for withdrawal); keep → done (not proposed again for months unless something changes; for an invitation: keep waiting); follow_up → done, with a follow-up reminder (a 400 for withdraw_invitation items); snooze → snoozed until snoozeUntil.",
  ),
  reason: ZReasonIn,
  snoozeUntil: when("snoozeUntil", "Required with choice snooze: when the item comes back; in the future, at most a year ahead. A date is that day's start, UTC."),
  followUpOn: when("followUpOn", "With choice follow_up: the follow-up reminder's due date; in the future, at most a year ahead. Default: in a week."),
  version: ZVersionIn.describe("The item's version (from GET or the last write). A decision on an older version is a 409 that says what changed."),
});

// --- list parameters ---------------------------------------------------------------------------
export const ZReviewListParams = z.object({
  account: ZId.describe("A LinkedIn account id of the team; default: every account. An id that is not the team's is a 404 naming `account`.").optional(),
  kind: z.enum(REVIEW_KIND_CODES, `kind must be one of ${REVIEW_KIND_CODES.join(", ")}.`).describe("Default: every kind.").optional(),
  state: z.enum(REVIEW_STATE_CODES, `state must be one of ${REVIEW_STATE_CODES.join(", ")}.`).describe("Default: every state.").optional(),
  cursor: z.string().max(1000, "This cursor is not one we gave out: start from the first page.").describe("`nextCursor` of the previous page (same filters).").optional(),
  limit: z.coerce
    .number("limit must be a number.")
    .int(`limit must be a whole number from 1 to ${REVIEW_PAGE_LIMITS.max}.`)
    .min(1, `limit must be a whole number from 1 to ${REVIEW_PAGE_LIMITS.max}.`)
    .max(REVIEW_PAGE_LIMITS.max, `limit must be a whole number from 1 to ${REVIEW_PAGE_LIMITS.max}.`)
    .default(REVIEW_PAGE_LIMITS.default)
    .describe("Items per page."),
});
export const REVIEW_LIST_PARAM_NAMES = Object.keys(ZReviewListParams.shape) as Array<keyof typeof ZReviewListParams.shape>;

/**
 * The list's query string, read strictly as the connections list is: an unknown parameter, or one
 * given twice, is a 400 naming it (a typo must not silently widen a script's selection).
 */
export function parseReviewListQuery(params: URLSearchParams): { ok: true; value: z.output<typeof ZReviewListParams> } | { ok: false; field: string; message: string } {
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const name = key.slice(0, 40);
    if (!(REVIEW_LIST_PARAM_NAMES as string[]).includes(key)) return { ok: false, field: name, message: `Unknown parameter “${name}”. The parameters are: ${REVIEW_LIST_PARAM_NAMES.join(", ")}.` };
    const values = params.getAll(key);
    if (values.length > 1) return { ok: false, field: name, message: `Give ${name} once.` };
    raw[key] = values[0]!;
  }
  const parsed = ZReviewListParams.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: String(issue.path[0] ?? ""), message: issue.message };
}
