import { z } from "zod";
import { CONNECTION_STATUSES, FILTER_LIMITS, FITS, NOTE_MAX, PAGE_LIMITS, SORT_KEYS, TAG_COLORS, TAG_MODES, TAG_NAME_MAX } from "@crm/core";
import { FLAG_CODES, FUNCTIONS, SENIORITIES } from "@crm/scoring";

// The REST API's request and response shapes. Routes validate bodies with the request schemas and
// shape answers with the response schemas (apiJson), and the OpenAPI document is generated from
// these same objects, so the document cannot drift from what the routes accept and return.

export const BULK_MAX_IDS = 1000;
export const LIST_LIMIT_DEFAULT = PAGE_LIMITS.default;
export const LIST_LIMIT_MAX = PAGE_LIMITS.max;

const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an id: letters, digits, “_” and “-”, at most 64 characters.");
const ZInstant = z.string().describe("ISO 8601 date-time, UTC");

// --- errors ---------------------------------------------------------------------------------
export const ZApiError = z.object({
  error: z.object({
    code: z.string().describe("UNAUTHENTICATED, INSUFFICIENT_SCOPE, FORBIDDEN, FORBIDDEN_ORIGIN, VALIDATION, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, GONE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA, RATE_LIMITED or INTERNAL"),
    message: z.string().describe("For people: what went wrong and what to do."),
    field: z.string().optional().describe("The body field or query parameter at fault, when there is one."),
  }),
});

// --- tags -----------------------------------------------------------------------------------
export const ZTagColor = z.enum(TAG_COLORS);
/** A tag as a connection carries it. */
export const ZTagRef = z.object({ id: z.string(), name: z.string(), color: z.string().describe(`One of: ${TAG_COLORS.join(", ")}.`) });
export const ZTag = z.object({ id: z.string(), name: z.string(), color: ZTagColor, count: z.int().min(0).describe("Connections with this tag.") });
export const ZTagList = z.object({ data: z.array(ZTag) });

export const ZCreateTagBody = z.object({
  // zod's max() and JSON Schema's maxLength both count code points, as the service does.
  name: z
    .string("Give the tag a name.")
    .trim()
    .min(1, "Give the tag a name.")
    .max(TAG_NAME_MAX, `A tag name has at most ${TAG_NAME_MAX} characters.`)
    .describe(`At most ${TAG_NAME_MAX} characters, counted as Unicode code points (an emoji such as 😀 is one); no commas or control characters.`),
  color: ZTagColor.optional().describe("Default: the next color in turn."),
});

export const ZTagConnectionBody = z.object({ tagId: ZId });
export const ZConnectionTags = z.object({
  connectionId: z.string(),
  changed: z.boolean().describe("False when the connection already had (or already lacked) the tag."),
  tags: z.array(ZTagRef).describe("The connection's tags after the change."),
});

export const ZBulkTagBody = z.object({
  connectionIds: z.array(ZId).min(1, "Give at least one connection id.").max(BULK_MAX_IDS, `Give at most ${BULK_MAX_IDS} connection ids per request.`),
});
export const ZBulkTagResult = z.object({
  count: z.int().min(0).describe("Connections actually changed; ids of other teams or unknown ids change nothing."),
  changeId: z.string().nullable().describe("Identifies the change for undo in the app; null when nothing changed."),
});

// --- notes ----------------------------------------------------------------------------------
export const ZNote = z.object({
  id: z.string(),
  connectionId: z.string(),
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  editedAt: ZInstant.nullable(),
});
export const ZNoteList = z.object({ data: z.array(ZNote) });
export const ZNoteBody = z.object({
  body: z.string("Write the note as a string in “body”.").trim().min(1, "Write something before saving the note.").max(NOTE_MAX, `A note has at most ${NOTE_MAX} characters.`),
});

// --- connections ----------------------------------------------------------------------------
export const ZFlag = z.object({ code: z.string(), label: z.string() });

/** One row of the connections table: the same columns the app shows. */
export const ZConnectionRow = z.object({
  id: z.string(),
  accountId: z.string(),
  accountLabel: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  profileUrl: z.string().nullable(),
  position: z.string().nullable(),
  company: z.string().nullable(),
  seniority: z.enum(SENIORITIES).nullable(),
  function: z.enum(FUNCTIONS).nullable(),
  connectedOn: z.string().nullable().describe("YYYY-MM-DD"),
  lastInteractionAt: ZInstant.nullable(),
  messageCount: z.int().min(0),
  endorsedMe: z.boolean(),
  endorsementCount: z.int().min(0),
  recommendedMe: z.boolean(),
  status: z.enum(CONNECTION_STATUSES),
  jobChangedAt: ZInstant.nullable(),
  tags: z.array(ZTagRef),
  score: z.int().min(0).max(100).nullable().describe("Score for the list's ICP (see `icp`); null when not scored."),
  fit: z.enum(FITS).nullable(),
  flags: z.array(ZFlag),
});

export const ZIcpRef = z.object({ id: z.string(), name: z.string() });
export const ZConnectionList = z.object({
  data: z.array(ZConnectionRow),
  nextCursor: z.string().nullable().describe("Pass as `cursor` with the same filter for the next page; null on the last page."),
  icp: ZIcpRef.nullable().describe("The ICP whose score and fit the rows carry (the `icp` parameter, else the team's first ICP)."),
});

export const ZConnectionScore = z.object({
  icpId: z.string(),
  icpName: z.string(),
  score: z.int().min(0).max(100),
  fit: z.enum(FITS),
  reasons: z.array(z.object({ text: z.string(), points: z.number() })),
  flags: z.array(ZFlag),
});
export const ZHistoryEntry = z.object({ id: z.string(), kind: z.string(), createdAt: ZInstant, text: z.string() });
export const ZConnectionDetail = ZConnectionRow.extend({
  linkedInUrl: z.string().describe("The profile, or a LinkedIn people search when the export had no URL."),
  events: z.array(ZHistoryEntry),
  notes: z.array(ZNote),
  scores: z.array(ZConnectionScore).describe("One per ICP of the team."),
});

export const ZListParams = z.object({
  cursor: z.string().optional(),
  limit: z.coerce
    .number("limit must be a number.")
    .int(`limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`)
    .min(1, `limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`)
    .max(LIST_LIMIT_MAX, `limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`)
    .default(LIST_LIMIT_DEFAULT),
});

// --- the filter language, as query parameters -------------------------------------------------
// Documentation of what parseFilter() reads (filter-params.test.ts holds the two together). Lists
// are comma-separated, or the parameter repeated.
const listOf = <T extends string>(values: readonly [T, ...T[]]) => z.array(z.enum(values)).min(1);
const ZDay = z.iso.date();
const ZMonths = z.int().min(1).max(FILTER_LIMITS.months);
const ZScore = z.int().min(0).max(FILTER_LIMITS.score);
const ZYesNo = z.enum(["yes", "no"]);

export const ZFilterParams = z.object({
  q: z.string().max(FILTER_LIMITS.text).describe(`Free text over name, position and company: words and "quoted phrases"; case, accents, apostrophes and hyphens ignored, ue/oe/ae read as ü/ö/ä; a word of 5+ letters may be one typo away; at most ${FILTER_LIMITS.words} terms (more: 400).`),
  account: z.array(ZId).min(1).max(FILTER_LIMITS.values).describe("LinkedIn account ids; default: every account of the team. An id that is not the team's is a 404 naming `account`."),
  tag: z.array(ZId).min(1).max(FILTER_LIMITS.values).describe("Tag ids, combined by tagMode. An id that is not the team's is a 404 naming `tag`."),
  tagMode: z.enum(TAG_MODES).default("any").describe("any: at least one of the tags; all: every one; none: none of them."),
  seniority: listOf(SENIORITIES),
  function: listOf(FUNCTIONS),
  company: z.string().max(FILTER_LIMITS.text).describe("Company contains (accent- and case-blind)."),
  connectedFrom: ZDay.describe("Connected on or after (YYYY-MM-DD)."),
  connectedTo: ZDay.describe("Connected on or before (YYYY-MM-DD); not before connectedFrom."),
  inactiveMonths: ZMonths.describe("No message in the last N months (or never)."),
  activeMonths: ZMonths.describe("At least one message in the last N months; more than inactiveMonths when both are given."),
  messaged: ZYesNo.describe("Messaged at least once (yes) or never (no)."),
  endorsed: ZYesNo.describe("Endorsed me."),
  recommended: ZYesNo.describe("Recommended me."),
  jobChanged: ZYesNo.describe("An import saw their company or position change (cleared by an import 90+ days later)."),
  status: z.array(z.enum([...CONNECTION_STATUSES, "all"])).min(1).default(["CONNECTED"]).describe("Connection statuses, or all. Default: CONNECTED."),
  icp: ZId.describe("The ICP whose score the rows carry and the score filters use; default: the team's first ICP. An id that is not the team's is a 404 naming `icp`."),
  scoreMin: ZScore,
  scoreMax: ZScore.describe("Not below scoreMin."),
  fit: listOf(FITS),
  flag: listOf(FLAG_CODES).describe("ICP score flags; a connection matches if it has any of them."),
  sort: z.enum(SORT_KEYS).default("connectedOn"),
  dir: z.enum(["asc", "desc"]).describe("Default: asc for name, company and position; desc for the others."),
}).partial();

export const FILTER_PARAM_NAMES = Object.keys(ZFilterParams.shape) as Array<keyof typeof ZFilterParams.shape>;
