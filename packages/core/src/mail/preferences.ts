import { z } from "zod";
import { Prisma, withTeam, type TTx } from "@crm/db";
import { isKnownTimeZone } from "../accounts/accounts";
import { recordAudit } from "../audit/record-audit";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";

// A member's email settings for one team (docs/decisions/0012). No row means the defaults; a row
// stores only what the member chose, so a later change of a default reaches everyone who never
// touched that kind. The digest and mail passes read many members at once with loadMailPreferences.

export const EMAIL_KINDS = ["mention", "awaiting_decision", "removal.planned", "reminder_due", "job_change"] as const;
export type TEmailKind = (typeof EMAIL_KINDS)[number];
export const EMAIL_MODES = ["off", "instant", "daily"] as const;
export type TEmailMode = (typeof EMAIL_MODES)[number];

export const DEFAULT_EMAIL_MODES: Readonly<Record<TEmailKind, TEmailMode>> = Object.freeze({
  mention: "instant",
  awaiting_decision: "off",
  "removal.planned": "instant",
  reminder_due: "off",
  job_change: "off",
});

export const EMAIL_KIND_LABELS: Readonly<Record<TEmailKind, string>> = Object.freeze({
  mention: "Mentions",
  awaiting_decision: "Decisions waiting",
  "removal.planned": "Today's removal session",
  reminder_due: "Reminders due",
  job_change: "Job changes",
});

export const DEFAULT_DIGEST = { digestWeekday: 1, digestHour: 8, digestEnabled: true, quietWeekNote: false } as const;
const MAX_USERS = 10_000;

export type TMailPreferences = {
  /** What the member chose; null = follow their first account's zone, else UTC. */
  timeZone: string | null;
  effectiveTimeZone: string;
  digestWeekday: number;
  digestHour: number;
  digestEnabled: boolean;
  quietWeekNote: boolean;
  emailModes: Record<TEmailKind, TEmailMode>;
};

export const isEmailKind = (k: unknown): k is TEmailKind => typeof k === "string" && (EMAIL_KINDS as readonly string[]).includes(k);
const isEmailMode = (m: unknown): m is TEmailMode => typeof m === "string" && (EMAIL_MODES as readonly string[]).includes(m);

const ZMode = z.enum(EMAIL_MODES, { error: "Choose off, as it happens (instant) or in a daily summary (daily)." });
// Messages people read next to the field: no field names or raw validator wording.
const WEEKDAY_MSG = "Choose a day from Monday to Sunday.";
const HOUR_MSG = "Choose a whole hour from 00:00 to 23:00.";

export const ZMailPreferencesInput = z
  .object({
    timeZone: z
      .string({ error: "Choose a time zone from the list, e.g. Europe/Berlin." })
      .max(64, "That time zone name is too long; choose a zone from the list.")
      .refine(isKnownTimeZone, "Choose a time zone from the list, e.g. Europe/Berlin.")
      .nullable()
      .optional(),
    digestWeekday: z.number({ error: WEEKDAY_MSG }).int(WEEKDAY_MSG).min(1, WEEKDAY_MSG).max(7, WEEKDAY_MSG).optional(),
    digestHour: z.number({ error: HOUR_MSG }).int(HOUR_MSG).min(0, HOUR_MSG).max(23, HOUR_MSG).optional(),
    digestEnabled: z.boolean({ error: "Say whether to send the weekly digest: true or false." }).optional(),
    quietWeekNote: z.boolean({ error: "Say whether to send the quiet-week note: true or false." }).optional(),
    emailModes: z
      .object({
        mention: ZMode.optional(),
        awaiting_decision: ZMode.optional(),
        "removal.planned": ZMode.optional(),
        reminder_due: ZMode.optional(),
        job_change: ZMode.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TMailPreferencesInput = z.input<typeof ZMailPreferencesInput>;

/** Stored JSON → a full map; unknown kinds and values (older or hand-edited rows) fall back to the default. */
export function storedModes(raw: unknown): Partial<Record<TEmailKind, TEmailMode>> {
  const out: Partial<Record<TEmailKind, TEmailMode>> = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (isEmailKind(k) && isEmailMode(v)) out[k] = v;
  return out;
}

export function resolveModes(raw: unknown): Record<TEmailKind, TEmailMode> {
  return { ...DEFAULT_EMAIL_MODES, ...storedModes(raw) };
}

/** A kind that is not email-able ("decided", anything new) is never emailed. */
export function modeFor(prefs: Pick<TMailPreferences, "emailModes">, kind: string): TEmailMode {
  return isEmailKind(kind) ? (prefs.emailModes[kind] ?? DEFAULT_EMAIL_MODES[kind]) : "off";
}

export function defaultMailPreferences(accountZone: string | null = null): TMailPreferences {
  return { timeZone: null, effectiveTimeZone: accountZone ?? "UTC", ...DEFAULT_DIGEST, emailModes: { ...DEFAULT_EMAIL_MODES } };
}

type TPrefRow = {
  userId: string;
  timeZone: string | null;
  accountZone: string | null;
  digestWeekday: number | null;
  digestHour: number | null;
  digestEnabled: boolean | null;
  quietWeekNote: boolean | null;
  emailModes: unknown;
};

/** The member's zone: their own if valid, else their first account's, else UTC (crm_digests_due's order). */
export function effectiveZone(timeZone: string | null, accountZone: string | null): string {
  return [timeZone, accountZone].find((z): z is string => typeof z === "string" && isKnownTimeZone(z)) ?? "UTC";
}

function fromRow(r: TPrefRow): TMailPreferences {
  return {
    timeZone: r.timeZone,
    // Same precedence as the sweep, so the page shows the zone the sweep uses.
    effectiveTimeZone: effectiveZone(r.timeZone, r.accountZone),
    digestWeekday: r.digestWeekday ?? DEFAULT_DIGEST.digestWeekday,
    digestHour: r.digestHour ?? DEFAULT_DIGEST.digestHour,
    digestEnabled: r.digestEnabled ?? DEFAULT_DIGEST.digestEnabled,
    quietWeekNote: r.quietWeekNote ?? DEFAULT_DIGEST.quietWeekNote,
    emailModes: resolveModes(r.emailModes),
  };
}

/**
 * Preferences of many members in one query (inside the caller's withTeam transaction); a member
 * without a row gets the defaults. Ids that are not members still get an entry: the caller checks
 * membership itself.
 */
export async function loadMailPreferences(tx: TTx, teamId: string, userIds: string[]): Promise<Map<string, TMailPreferences>> {
  const ids = [...new Set(userIds)];
  if (ids.length > MAX_USERS) throw new RangeError(`loadMailPreferences: at most ${MAX_USERS} members per call, got ${ids.length}.`);
  const out = new Map<string, TMailPreferences>();
  if (ids.length === 0) return out;
  const rows = await tx.$queryRaw<TPrefRow[]>`
    SELECT u.id AS "userId", p."timeZone", p."digestWeekday", p."digestHour", p."digestEnabled", p."quietWeekNote", p."emailModes",
           (SELECT a."timeZone" FROM "LinkedInAccount" a
             WHERE a."teamId" = ${teamId} AND a."ownerUserId" = u.id
             ORDER BY a."createdAt", a.id LIMIT 1) AS "accountZone"
      FROM unnest(${ids}::text[]) AS u(id)
      LEFT JOIN "NotificationPreference" p ON p."teamId" = ${teamId} AND p."userId" = u.id
     LIMIT ${ids.length}`;
  for (const r of rows) out.set(r.userId, fromRow(r));
  return out;
}

export async function getMailPreferences(ctx: TTeamContext): Promise<TMailPreferences> {
  return withTeam(ctx.teamId, async (tx) => (await loadMailPreferences(tx, ctx.teamId, [ctx.userId])).get(ctx.userId)!);
}

export function parseMailPreferencesInput(raw: unknown): z.output<typeof ZMailPreferencesInput> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("preferences", "Send the settings as an object.");
  const r = ZMailPreferencesInput.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === "unrecognized_keys") throw invalid(issue.keys[0] ?? "preferences", `Unknown setting: ${issue.keys.join(", ")}.`);
  const field = issue.path.join(".") || "preferences";
  throw invalid(field, issue.message);
}

/**
 * Creates the member's row if missing, then locks it: concurrent saves (and unsubscribe clicks)
 * apply one after the other instead of overwriting each other's email modes.
 */
export async function lockPreferenceRow(tx: TTx, teamId: string, userId: string) {
  await tx.$executeRaw`
    INSERT INTO "NotificationPreference" ("teamId", "userId", "updatedAt") VALUES (${teamId}, ${userId}, ${new Date()})
    ON CONFLICT ("teamId", "userId") DO NOTHING`;
  const [row] = await tx.$queryRaw<Array<{ digestEnabled: boolean; emailModes: unknown }>>`
    SELECT "digestEnabled", "emailModes" FROM "NotificationPreference"
     WHERE "teamId" = ${teamId} AND "userId" = ${userId} FOR UPDATE`;
  return row!;
}

/** Saves the fields sent; fields left out keep their value, email modes merge per kind. */
export async function updateMailPreferences(ctx: TTeamContext, raw: unknown): Promise<TMailPreferences> {
  const input = parseMailPreferencesInput(raw);
  return withTeam(ctx.teamId, async (tx) => {
    if (typeof input.timeZone === "string") {
      // The sweep skips zones Postgres does not know; refuse them here rather than never sending.
      const [known] = await tx.$queryRaw<Array<{ ok: boolean }>>`SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${input.timeZone}) AS ok`;
      if (!known?.ok) throw invalid("timeZone", "This time zone is not supported here; choose another from the list.");
    }
    const current = await lockPreferenceRow(tx, ctx.teamId, ctx.userId);
    const modes = input.emailModes ? { ...storedModes(current.emailModes), ...input.emailModes } : undefined;
    await tx.notificationPreference.update({
      where: { teamId_userId: { teamId: ctx.teamId, userId: ctx.userId } },
      data: {
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.digestWeekday !== undefined ? { digestWeekday: input.digestWeekday } : {}),
        ...(input.digestHour !== undefined ? { digestHour: input.digestHour } : {}),
        ...(input.digestEnabled !== undefined ? { digestEnabled: input.digestEnabled } : {}),
        ...(input.quietWeekNote !== undefined ? { quietWeekNote: input.quietWeekNote } : {}),
        ...(modes ? { emailModes: modes as Prisma.InputJsonObject } : {}),
      },
    });
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "mail.preferences",
      targetType: "user",
      targetId: ctx.userId,
      metadata: input as Prisma.InputJsonObject,
    });
    return (await loadMailPreferences(tx, ctx.teamId, [ctx.userId])).get(ctx.userId)!;
  });
}
