import { z } from "zod";
import {
  INVITATION_DIRECTIONS,
  INVITATION_FITS,
  INVITATION_LIST_LIMITS,
  INVITATION_SORTS,
  INVITATION_VIEWS,
  OLDER_THAN_MAX_DAYS,
  type TInvitationList,
  type TInvitationListInput,
} from "@crm/core";

// A LinkedIn account's invitations in /api/v1 (issue 17, docs/decisions/0013): the list's query
// parameters (documented here; listAccountInvitations validates them and names the field at
// fault) and the wire shape of its answer. Dates are ISO strings; message text never leaves,
// except the short excerpt of an incoming invitation (the inviter wrote it to the account).

const ZInstant = z.string().describe("ISO 8601 date-time, UTC");

// --- query parameters ------------------------------------------------------------------------
export const ZInvitationListParams = z.object({
  direction: z.enum(INVITATION_DIRECTIONS).describe("outgoing (sent by the account; default) or incoming (received)."),
  view: z.enum(INVITATION_VIEWS).describe("open (default): invitations still pending. withdrawn: outgoing invitations withdrawn in the last 21 days, and ones re-sent less than 21 days after a withdrawal."),
  olderThanDays: z.coerce.number().int().min(0).max(OLDER_THAN_MAX_DAYS).describe("Only invitations sent more than this many days ago."),
  message: z.enum(["with", "without"]).describe("Only invitations with (or without) a personal message."),
  fit: z.enum(INVITATION_FITS).describe("Incoming only: the best ICP fit band. none = not enough to score."),
  sort: z.enum(INVITATION_SORTS).describe("age (default for outgoing), name, or fit (incoming only; its default)."),
  dir: z.enum(["asc", "desc"]).describe("Default: desc for age (oldest first) and fit (best first), asc for name."),
  cursor: z.string().max(200).describe("`nextCursor` of the previous page (same filters)."),
  limit: z.coerce.number().int().min(1).max(INVITATION_LIST_LIMITS.max).default(INVITATION_LIST_LIMITS.default).describe("Rows per page."),
});
export const INVITATION_PARAM_NAMES = Object.keys(ZInvitationListParams.shape) as Array<keyof typeof ZInvitationListParams.shape>;

/**
 * The query string as the list's input, read strictly: an unknown parameter, or one given twice,
 * is a 400 naming it (a typo must not silently widen a script's selection). Values are checked by
 * the service (one schema for the page and the API).
 */
export function invitationQueryInput(params: URLSearchParams): { ok: true; value: TInvitationListInput } | { ok: false; field: string; message: string } {
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const name = key.slice(0, 40);
    if (!(INVITATION_PARAM_NAMES as string[]).includes(key)) return { ok: false, field: name, message: `Unknown parameter “${name}”. The parameters are: ${INVITATION_PARAM_NAMES.join(", ")}.` };
    const values = params.getAll(key);
    if (values.length > 1) return { ok: false, field: name, message: `Give ${name} once.` };
    raw[key] = values[0]!;
  }
  return { ok: true, value: raw as TInvitationListInput };
}

// --- response ----------------------------------------------------------------------------------
export const ZInvitationFit = z.object({
  band: z.enum(INVITATION_FITS).describe("strong / partial (the ICP bands), weak (something matched, below partial), none (not enough to score)."),
  score: z.int().min(0).max(100).describe("The best ICP's score, 0–100."),
  icpName: z.string().nullable().describe("The ICP of that score; null when nothing matched."),
  reasons: z.array(z.string()).describe("The criteria met (or held against them), with where the fact came from."),
  basis: z.enum(["connection", "message", "nothing"]).describe("connection: the same person is a connection of another account of the team (its position and company); message: the inviter's message; nothing: no facts to score."),
  knownAs: z.object({ position: z.string().nullable(), company: z.string().nullable(), accountLabel: z.string() }).nullable(),
});

export const ZInvitationRow = z.object({
  id: z.string(),
  name: z.string(),
  profileUrl: z.string().nullable().describe("The LinkedIn profile from the export (only linkedin.com URLs)."),
  linkedInUrl: z.string().describe("The profile, or a LinkedIn people search for the name when the export had no URL."),
  sentAt: ZInstant.nullable(),
  ageDays: z.int().min(0).nullable(),
  hasMessage: z.boolean(),
  messageExcerpt: z.string().nullable().describe("Incoming only: the first words of the inviter's message. Never set for outgoing invitations."),
  status: z.enum(["pending", "accepted", "gone"]),
  withdrawnAt: ZInstant.nullable().describe("When the owner recorded a withdrawal."),
  reinviteAfter: ZInstant.nullable().describe("withdrawnAt + 21 days: LinkedIn blocks re-inviting before then."),
  reinvitedEarly: z.boolean().describe("Pending again, sent less than 21 days after a recorded withdrawal."),
  withdrawItem: z
    .object({ itemId: z.string(), state: z.string().describe("open, snoozed, approved, done or closed."), decision: z.string().nullable() })
    .nullable()
    .describe("The review item proposing to withdraw this invitation (GET /review-items/{itemId})."),
  fit: ZInvitationFit.nullable().describe("Incoming only: the best fit against the team's ICPs, scored when read."),
  response: z
    .object({
      value: z.enum(["accepted", "ignored"]),
      at: ZInstant.nullable(),
      state: z.enum(["verified", "waiting", "ignored"]).describe("verified: an export showed them among the connections; waiting: not yet."),
      verifiedOn: ZInstant.nullable(),
    })
    .nullable()
    .describe("Incoming: what the account owner recorded doing."),
});

export const ZInvitationSummary = z.object({
  openOutgoing: z.int().min(0),
  guideline: z.int().describe("LinkedIn users advise keeping open outgoing invitations under about this many."),
  overGuideline: z.int().min(0),
  withdrawAfterDays: z.int().describe("The team's queue rule: outgoing invitations older than this are proposed for withdrawal."),
  olderThanThreshold: z.int().min(0),
  withoutMessage: z.int().min(0),
  incomingWaiting: z.int().min(0).describe("Incoming invitations still pending on which the owner recorded nothing."),
  incomingOpen: z.int().min(0),
  incomingRecentlyAnswered: z.int().min(0).describe("Incoming invitations the owner answered that an export resolved in the last 21 days; the incoming list shows them after the open ones."),
  withdrawnLast7Days: z.int().min(0),
  withdrawnRecent: z.int().min(0),
  reinvitedEarly: z.int().min(0),
});

export const ZInvitationList = z.object({
  data: z.array(ZInvitationRow),
  total: z.int().min(0).describe("Rows matching the filters."),
  nextCursor: z.string().nullable(),
  direction: z.enum(INVITATION_DIRECTIONS),
  view: z.enum(INVITATION_VIEWS),
  sort: z.enum(INVITATION_SORTS),
  dir: z.enum(["asc", "desc"]),
  truncated: z.boolean().describe("Incoming: more than 5,000 invitations; the oldest were left out."),
  summary: ZInvitationSummary,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The service's list as the API's wire shape. */
export function invitationListToWire(l: TInvitationList): z.input<typeof ZInvitationList> {
  return {
    data: l.rows.map((r) => ({
      ...r,
      sentAt: iso(r.sentAt),
      withdrawnAt: iso(r.withdrawnAt),
      reinviteAfter: iso(r.reinviteAfter),
      response: r.response ? { ...r.response, at: iso(r.response.at), verifiedOn: iso(r.response.verifiedOn) } : null,
    })),
    total: l.total,
    nextCursor: l.nextCursor,
    direction: l.direction,
    view: l.view,
    sort: l.sort as z.infer<typeof ZInvitationList>["sort"],
    dir: l.dir,
    truncated: l.truncated,
    summary: l.summary,
  };
}
