import { z } from "zod";

// The queue rules (docs/decisions/0009, "Queue rules"): which connections an account's review queue
// proposes, and why. Pure: the build (build-queue.ts) loads the facts, this decides, the build
// writes. Every sentence here is absolute (dates, not "3 months ago") so that a rebuild on another
// day writes the same detail and changes nothing.

export const REMOVE_RULES = ["no_icp_fit", "open_networker", "competitor", "stale", "recruiter", "student"] as const;
export const RULE_CODES = [...REMOVE_RULES, "follow_up_due", "job_change", "stale_invitation"] as const;
export type TRuleCode = (typeof RULE_CODES)[number];
export type TFlagRule = Exclude<(typeof REMOVE_RULES)[number], "no_icp_fit">;

export const RULE_LABELS: Readonly<Record<TRuleCode, string>> = {
  no_icp_fit: "Fits none of the team's ICPs",
  open_networker: "Open networker",
  competitor: "Works at a competitor",
  stale: "Stale: no message, connected long ago",
  recruiter: "Recruiter",
  student: "Student or intern",
  follow_up_due: "Strong fit, no message for a while",
  job_change: "Changed job",
  stale_invitation: "Invitation pending for a long time",
};

/** One line per rule for the settings page. */
export const RULE_EXPLANATIONS: Readonly<Record<TRuleCode, string>> = {
  no_icp_fit: "Propose removing people who are neither a strong nor a partial fit under any of the team's ideal customer profiles.",
  open_networker: "Propose removing open networkers (LION, “I accept all invites”, follower counts in the title): they accept anyone.",
  competitor: "Propose removing people at a company a profile lists as excluded (a competitor).",
  stale: "Propose removing people you never wrote to (or not for years) and connected with long ago (the profile's “stale after”, 24 months without one).",
  recruiter: "Propose removing recruiters and HR people.",
  student: "Propose removing students and interns.",
  follow_up_due: "Propose following up with strong fits nobody has messaged for the number of months below.",
  job_change: "Propose re-evaluating people whose company or title changed in the account's latest import.",
  stale_invitation:
    "Propose withdrawing outgoing invitations still pending after the number of days below: LinkedIn limits how many can wait, and a withdrawn invitation can be sent again after about three weeks.",
};

const months = (min: number, max: number, field: string) =>
  z
    .number({ error: `${field}: give a whole number of months.` })
    .int(`${field}: give a whole number of months.`)
    .min(min, `${field}: at least ${min} month${min === 1 ? "" : "s"}.`)
    .max(max, `${field}: at most ${max} months.`);

const days = (min: number, max: number, field: string) =>
  z
    .number({ error: `${field}: give a whole number of days.` })
    .int(`${field}: give a whole number of days.`)
    .min(min, `${field}: at least ${min} days.`)
    .max(max, `${field}: at most ${max} days.`);

export const QUEUE_RULES_LIMITS = {
  followUpMonths: { min: 1, max: 36 },
  keepMonths: { min: 1, max: 24 },
  withdrawAfterDays: { min: 14, max: 365 },
  protectedTags: 50,
} as const;

const ZFlags = z.object({
  open_networker: z.boolean().default(true),
  competitor: z.boolean().default(true),
  stale: z.boolean().default(true),
  recruiter: z.boolean().default(false),
  student: z.boolean().default(false),
});

/** The team's rules; any field left out takes its default. */
export const ZQueueRules = z.object({
  removeNoIcpFit: z.boolean().default(true),
  flags: ZFlags.default(ZFlags.parse({})),
  followUp: z.boolean().default(true),
  followUpMonths: months(QUEUE_RULES_LIMITS.followUpMonths.min, QUEUE_RULES_LIMITS.followUpMonths.max, "Follow up after").default(6),
  jobChanges: z.boolean().default(true),
  protectedTagIds: z
    .array(z.string().min(1).max(64))
    .max(QUEUE_RULES_LIMITS.protectedTags, `Protected tags: at most ${QUEUE_RULES_LIMITS.protectedTags}.`)
    .default([])
    .transform((ids) => [...new Set(ids)]),
  keepMonths: months(QUEUE_RULES_LIMITS.keepMonths.min, QUEUE_RULES_LIMITS.keepMonths.max, "Keep decisions last").default(6),
  adminsDecide: z.boolean().default(false),
  /** Propose withdrawing outgoing invitations pending for `withdrawAfterDays` (docs/decisions/0013). */
  withdrawInvitations: z.boolean().default(true),
  withdrawAfterDays: days(QUEUE_RULES_LIMITS.withdrawAfterDays.min, QUEUE_RULES_LIMITS.withdrawAfterDays.max, "Withdraw invitations after").default(60),
});

export type TQueueRules = z.output<typeof ZQueueRules>;

export const DEFAULT_QUEUE_RULES: TQueueRules = Object.freeze(ZQueueRules.parse({})) as TQueueRules;

/**
 * Rules as stored: a field that no longer parses (an older shape, a hand edit) takes its default
 * instead of failing the whole build or the settings page.
 */
export function parseStoredRules(raw: unknown): TQueueRules {
  const r = ZQueueRules.safeParse(raw ?? {});
  if (r.success) return r.data;
  const obj = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ZQueueRules.shape) as Array<keyof typeof ZQueueRules.shape>) {
    const field = ZQueueRules.shape[key].safeParse(obj[key]);
    out[key] = field.success ? field.data : DEFAULT_QUEUE_RULES[key];
  }
  if (typeof obj.flags === "object" && obj.flags !== null) {
    const flags: Record<string, boolean> = {};
    for (const [k, d] of Object.entries(DEFAULT_QUEUE_RULES.flags)) {
      const v = (obj.flags as Record<string, unknown>)[k];
      flags[k] = typeof v === "boolean" ? v : d;
    }
    out.flags = flags;
  }
  return out as TQueueRules;
}

export type TBand = "strong" | "partial" | "none";

/** What the rules read of one connection (build-queue.ts loads exactly this). */
export type TQueueCandidate = {
  connected: boolean; // status CONNECTED
  position: string | null;
  company: string | null;
  connectedOn: string | null; // YYYY-MM-DD
  lastInteractionAt: Date | null;
  endorsedMe: boolean;
  endorsementCount?: number;
  recommendedMe: boolean;
  /** The team's protected tags this person carries (the build may pass all tags; only protected ones count). */
  tags: Array<{ id: string; name: string }>;
  /** One entry per ICP of the team that has been scored; score null when this person has no score under it yet. */
  scores: Array<{ icpName: string; score: number | null; band: TBand | null; flags: string[] }>;
  /** Flags with their texts when no ICP scored this person (computeFlags without an ICP); texts for flagged codes otherwise. */
  flagTexts: Partial<Record<string, string>>;
  /** Codes when no ICP scored this person (computeFlags without an ICP); ignored when scores exist. */
  unscoredFlags: string[];
  /** The job change the account's latest completed import saw, if any. */
  jobChange: { at: Date; from: { company: string | null; position: string | null }; to: { company: string | null; position: string | null } } | null;
};

/** Kinds the connection rules propose (WITHDRAW_INVITATION items come from invitations: stale_invitation below). */
export type TQueueItemKind = "REMOVE" | "FOLLOW_UP" | "JOB_CHANGE";
export type TQueueProposal = { kind: TQueueItemKind; rules: TRuleCode[]; detail: Partial<Record<TRuleCode, string>> };

const ym = (d: Date) => d.toISOString().slice(0, 7);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const SEGMENTER = new Intl.Segmenter("en", { granularity: "grapheme" });
/**
 * At most `n` characters, cut between whole characters (grapheme clusters: an emoji, a flag or a
 * letter with its accents stays whole). Cutting by UTF-16 code units could leave half an emoji, a
 * lone surrogate that Postgres refuses in jsonb, and one bad title then failed the team's build.
 */
export function clip(s: string, n = 80): string {
  if (s.length <= n) return s;
  const out: string[] = [];
  let len = 0;
  for (const { segment } of SEGMENTER.segment(s)) {
    if (len + segment.length > n - 1) break;
    out.push(segment);
    len += segment.length;
  }
  return `${out.join("")}…`;
}
const monthsBefore = (d: Date, m: number) => {
  const x = new Date(d.getTime());
  x.setUTCMonth(x.getUTCMonth() - m);
  return x;
};

/** Scores the rules may read: an ICP with a score for this person. */
const scored = (c: TQueueCandidate) => c.scores.filter((s): s is TQueueCandidate["scores"][number] & { score: number; band: TBand } => s.score !== null && s.band !== null);

/** The flags as the scorer computed them: the union over the ICPs, or (no score) without an ICP. */
export function candidateFlags(c: TQueueCandidate): Set<string> {
  const s = scored(c);
  if (s.length === 0) return new Set(c.unscoredFlags);
  return new Set(s.flatMap((x) => x.flags));
}

/** Why this person is never proposed for removal (empty when they may be). */
export function protections(c: TQueueCandidate, rules: TQueueRules, flags: Set<string> = candidateFlags(c)): string[] {
  const out: string[] = [];
  if (c.endorsedMe || flags.has("endorser")) out.push(c.endorsementCount ? `Endorsed you (${c.endorsementCount} endorsement${c.endorsementCount === 1 ? "" : "s"})` : "Endorsed you");
  if (c.recommendedMe || flags.has("recommender")) out.push("Recommended you");
  for (const t of c.tags) if (rules.protectedTagIds.includes(t.id)) out.push(`Tagged “${t.name}” (protected)`);
  return out;
}

const fits = (c: TQueueCandidate) => scored(c).filter((s) => s.band === "strong" || s.band === "partial");

function staleText(c: TQueueCandidate): string {
  const connected = c.connectedOn ? `connected ${c.connectedOn.slice(0, 7)}` : "connection date unknown";
  return c.lastInteractionAt ? `Last message ${ym(c.lastInteractionAt)}, ${connected}` : `No message, ${connected}`;
}

function flagDetail(code: TFlagRule, c: TQueueCandidate): string {
  const text = c.flagTexts[code];
  if (code === "stale") return staleText(c);
  if (code === "competitor") {
    const by = scored(c).filter((s) => s.flags.includes("competitor")).map((s) => s.icpName);
    return `Works at ${c.company?.trim() || "a competitor"}, excluded by ${by.length ? by.join(", ") : "a profile"}`;
  }
  if (text) return text;
  const title = c.position?.trim() ? `: “${clip(c.position.trim())}”` : "";
  return `${RULE_LABELS[code]}${title}`;
}

function fitsNoneText(c: TQueueCandidate): string {
  const s = scored(c);
  const best = s.reduce((a, b) => (b.score > a.score ? b : a));
  return `Fits none of: ${s.map((x) => x.icpName).join(", ")} (best: ${best.score}${s.length > 1 ? ` under ${best.icpName}` : ""}, no fit)`;
}

/**
 * The items one connection should have under `rules` at `now`: at most one per kind, each with
 * the codes of the rules that put it there (in RULE_CODES order) and a sentence per rule.
 */
export function evaluateQueueRules(c: TQueueCandidate, rules: TQueueRules, now: Date): TQueueProposal[] {
  if (!c.connected) return [];
  const out: TQueueProposal[] = [];
  const s = scored(c);
  const strong = s.filter((x) => x.band === "strong");
  const flags = s.length === 0 ? new Set(c.unscoredFlags) : new Set(s.flatMap((x) => x.flags));

  if (strong.length === 0 && protections(c, rules, flags).length === 0) {
    const remove: TQueueProposal = { kind: "REMOVE", rules: [], detail: {} };
    // A team without a scored ICP has no "fit" to miss; someone not yet scored under every ICP is
    // not known to fit none of them.
    if (rules.removeNoIcpFit && s.length > 0 && s.length === c.scores.length && !s.some((x) => x.band === "partial")) {
      remove.rules.push("no_icp_fit");
      remove.detail.no_icp_fit = fitsNoneText(c);
    }
    for (const code of REMOVE_RULES) {
      if (code === "no_icp_fit" || !rules.flags[code] || !flags.has(code)) continue;
      remove.rules.push(code);
      remove.detail[code] = flagDetail(code, c);
    }
    if (remove.rules.length) out.push(remove);
  }

  if (rules.followUp && strong.length > 0 && (!c.lastInteractionAt || c.lastInteractionAt <= monthsBefore(now, rules.followUpMonths))) {
    const names = strong.map((x) => `${x.icpName} (${x.score})`).join(", ");
    const last = c.lastInteractionAt ? `no message since ${ym(c.lastInteractionAt)}` : "never messaged";
    out.push({ kind: "FOLLOW_UP", rules: ["follow_up_due"], detail: { follow_up_due: `Strong fit for ${names}, ${last}` } });
  }

  if (rules.jobChanges && c.jobChange) {
    const { from, to, at } = c.jobChange;
    const parts: string[] = [];
    if ((from.company ?? "") !== (to.company ?? "")) parts.push(`${from.company?.trim() || "no company"} → ${to.company?.trim() || "no company"}`);
    if ((from.position ?? "") !== (to.position ?? "")) parts.push(`${clip(from.position?.trim() || "no title", 60)} → ${clip(to.position?.trim() || "no title", 60)}`);
    out.push({ kind: "JOB_CHANGE", rules: ["job_change"], detail: { job_change: `${parts.join("; ") || "Company or title changed"} (seen ${ymd(at)})` } });
  }
  return out;
}

/** Why an open item of `kind` no longer belongs in the queue, for its closedReason. */
export function closeReason(c: TQueueCandidate | null, kind: TQueueItemKind, rules: TQueueRules, now: Date): string {
  if (!c || !c.connected) return "No longer connected";
  if (kind === "REMOVE") {
    const p = protections(c, rules);
    if (p.length) return p[0]!;
    const f = fits(c);
    if (f.length) {
      const best = [...f].sort((a, b) => b.score - a.score)[0]!;
      return `Now fits ${best.icpName} (${best.band})`;
    }
  }
  if (kind === "FOLLOW_UP" && c.lastInteractionAt && c.lastInteractionAt > monthsBefore(now, rules.followUpMonths)) return `Messaged ${ymd(c.lastInteractionAt)}`;
  if (kind === "FOLLOW_UP" && rules.followUp && scored(c).every((x) => x.band !== "strong")) return "No longer a strong fit";
  if (kind === "JOB_CHANGE" && rules.jobChanges && !c.jobChange) return "No job change in the latest import";
  return "No longer matches any queue rule";
}

/** What the withdraw rule reads of one outgoing invitation. */
export type TInvitationCandidate = { status: "PENDING" | "ACCEPTED" | "GONE"; direction: string; sentAt: Date | null; hasMessage: boolean };

const DAY_MS = 86_400_000;

/** The sentence for a stale invitation: absolute, so a rebuild on a later day writes the same text. */
export function staleInvitationText(sentAt: Date, hasMessage: boolean): string {
  return `Sent ${ymd(sentAt)} ${hasMessage ? "with" : "without"} a personal message`;
}

/** An outgoing invitation pending since before now − withdrawAfterDays (one without a date never qualifies). */
export function invitationQualifies(inv: TInvitationCandidate, rules: TQueueRules, now: Date): boolean {
  return (
    rules.withdrawInvitations &&
    inv.direction === "OUTGOING" &&
    inv.status === "PENDING" &&
    inv.sentAt !== null &&
    inv.sentAt.getTime() < now.getTime() - rules.withdrawAfterDays * DAY_MS
  );
}

/** Why an open withdraw item no longer belongs in the queue, for its closedReason. */
export function invitationCloseReason(inv: TInvitationCandidate, rules: TQueueRules): string {
  if (inv.status === "ACCEPTED") return "They accepted the invitation";
  if (inv.status === "GONE") return "The invitation is no longer pending (withdrawn, declined or expired)";
  if (!rules.withdrawInvitations) return "No longer matches any queue rule";
  if (inv.sentAt) return `Sent ${ymd(inv.sentAt)}: pending for less than ${rules.withdrawAfterDays} days`;
  return "No longer matches any queue rule";
}
