import { z } from "zod";
import { invalid } from "../errors";
import { LIST_LIMITS, OLDER_THAN_MAX_DAYS } from "./constants";

// What listAccountInvitations accepts: one zod schema for the page's GET form and the API's query.
// Every error names the field in the words the page uses.

export const INVITATION_DIRECTIONS = ["outgoing", "incoming"] as const;
export const INVITATION_VIEWS = ["open", "withdrawn"] as const;
export const INVITATION_FITS = ["strong", "partial", "weak", "none"] as const;
export const INVITATION_SORTS = ["age", "name", "fit"] as const;
export type TInvitationDirection = (typeof INVITATION_DIRECTIONS)[number];
export type TInvitationView = (typeof INVITATION_VIEWS)[number];
export type TInvitationFit = (typeof INVITATION_FITS)[number];
export type TInvitationSort = (typeof INVITATION_SORTS)[number];

const oneOf = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}.` });

/** Plain decimal digits only: "0x1e", "1e3" or "-5" are not numbers a person typed. */
const digits = (v: unknown) => {
  if (typeof v !== "string") return v;
  const t = v.trim();
  return /^\d{1,7}$/.test(t) ? Number(t) : Number.NaN;
};

const whole = (field: string, min: number, max: number) =>
  z.preprocess(digits, z
    .number({ error: `${field} must be a whole number from ${min} to ${max}.` })
    .int({ error: `${field} must be a whole number from ${min} to ${max}.` })
    .min(min, { error: `${field} must be a whole number from ${min} to ${max}.` })
    .max(max, { error: `${field} must be a whole number from ${min} to ${max}.` }));

export const ZInvitationListInput = z.object({
  direction: oneOf("direction", INVITATION_DIRECTIONS).default("outgoing"),
  /** "withdrawn": recent recorded withdrawals and re-invited-early rows (outgoing only). */
  view: oneOf("view", INVITATION_VIEWS).default("open"),
  olderThanDays: whole("olderThanDays", 0, OLDER_THAN_MAX_DAYS).optional(),
  message: oneOf("message", ["with", "without"] as const).optional(),
  fit: oneOf("fit", INVITATION_FITS).optional(),
  sort: oneOf("sort", INVITATION_SORTS).optional(),
  dir: oneOf("dir", ["asc", "desc"] as const).optional(),
  page: whole("page", 1, 10_000).optional(),
  cursor: z.string({ error: "cursor must be text." }).max(200, { error: "This cursor is not one we gave out: start from the first page." }).optional(),
  limit: whole("limit", 1, LIST_LIMITS.max).default(LIST_LIMITS.default),
});
export type TInvitationListInput = z.input<typeof ZInvitationListInput>;
export type TInvitationListQuery = z.output<typeof ZInvitationListInput>;

/** The query, checked: a fit filter or sort on outgoing invitations is a 400 (fit is for incoming). */
export function parseInvitationListInput(raw: unknown): TInvitationListQuery {
  // A blank field (an empty form input, `?olderThanDays=`) is a field not given.
  const given = raw && typeof raw === "object" ? Object.fromEntries(Object.entries(raw).filter(([, v]) => !(typeof v === "string" && v.trim() === ""))) : raw;
  const parsed = ZInvitationListInput.safeParse(given ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "query"), issue.message);
  }
  const q = parsed.data;
  if (q.view === "withdrawn" && q.direction === "incoming") throw invalid("view", "view withdrawn lists outgoing invitations: leave direction out or use outgoing.");
  if (q.direction === "outgoing" && q.fit) throw invalid("fit", "fit filters incoming invitations: use it with direction incoming.");
  if (q.direction === "outgoing" && q.sort === "fit") throw invalid("sort", "sort fit is for incoming invitations: use age or name.");
  if (q.page !== undefined && q.cursor !== undefined) throw invalid("cursor", "Give page or cursor, not both.");
  if (q.page !== undefined && (q.page - 1) * q.limit > LIST_LIMITS.maxOffset) throw invalid("page", `page goes at most ${LIST_LIMITS.maxOffset.toLocaleString("en")} rows deep: narrow the filter instead.`);
  return q;
}

// A cursor is the next row's position in the same filtered, sorted list ("o" + offset, base64url):
// opaque to clients, so the paging can change without breaking them.
export function encodeCursor(offset: number): string {
  return Buffer.from(`o${offset}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const m = /^o(\d{1,7})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n > LIST_LIMITS.maxOffset) throw invalid("cursor", "This cursor is not one we gave out: start from the first page.");
  return n;
}
