import { Prisma, withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { EMAIL_KIND_LABELS, loadMailPreferences, lockPreferenceRow, resolveModes, storedModes, type TEmailKind, type TMailPreferences } from "./preferences";
import { readUnsubscribeToken, type TUnsubscribeArgs, type TUnsubscribeTopic } from "./unsubscribe-token";

// What an unsubscribe link does (RFC 8058). The signed token is the only credential, so this runs
// without a session, inside withTeam(token.teamId): a token for team A can only touch team A's row
// of that one member. Unsubscribing twice is fine (the second says "already"); a member who has
// left the team gets an answer but nothing changes — there is nothing left to send them.

export type TUnsubscribePreview = {
  teamName: string;
  /** For the "change your settings" link (sign-in needed there). */
  teamSlug: string;
  topic: TUnsubscribeTopic;
  /** What the link stops, in words: "the weekly digest", "emails about mentions". */
  label: string;
  /** false: the member left the team (or was removed); nothing will be sent to them anyway. */
  member: boolean;
  subscribed: boolean;
};

export type TUnsubscribeResult =
  | { ok: true; topic: TUnsubscribeTopic; label: string; teamName: string; teamSlug: string; member: boolean; already: boolean }
  | { ok: false; reason: "invalid" | "gone" };

export function topicLabel(topic: TUnsubscribeTopic): string {
  if (topic === "digest") return "the weekly digest";
  if (topic === "summary") return "the daily summary";
  return `emails about ${EMAIL_KIND_LABELS[topic].toLowerCase()}`;
}

/** The same, as what stops arriving: "weekly digests", "emails about mentions". */
export function topicPlural(topic: TUnsubscribeTopic): string {
  if (topic === "digest") return "weekly digests";
  if (topic === "summary") return "daily summaries";
  return topicLabel(topic);
}

/** Whether `prefs` still sends what `topic` names. */
export function isSubscribed(prefs: Pick<TMailPreferences, "digestEnabled" | "emailModes">, topic: TUnsubscribeTopic): boolean {
  if (topic === "digest") return prefs.digestEnabled;
  if (topic === "summary") return Object.values(prefs.emailModes).includes("daily");
  return prefs.emailModes[topic] !== "off";
}

type TTarget = { teamName: string; teamSlug: string; member: boolean };

async function loadTarget(tx: TTx, t: TUnsubscribeArgs): Promise<TTarget | null> {
  const team = await tx.team.findUnique({ where: { id: t.teamId }, select: { name: true, slug: true } });
  if (!team) return null;
  const m = await tx.membership.findFirst({ where: { teamId: t.teamId, userId: t.userId }, select: { id: true } });
  return { teamName: team.name, teamSlug: team.slug, member: m !== null };
}

/** What the link would do; writes nothing (a GET, a link preview or a mail scanner lands here). */
export async function previewUnsubscribe(token: string): Promise<TUnsubscribePreview | null> {
  const t = readUnsubscribeToken(token);
  if (!t) return null;
  return withTeam(t.teamId, async (tx) => {
    const target = await loadTarget(tx, t);
    if (!target) return null;
    const prefs = (await loadMailPreferences(tx, t.teamId, [t.userId])).get(t.userId)!;
    return { teamName: target.teamName, teamSlug: target.teamSlug, topic: t.topic, label: topicLabel(t.topic), member: target.member, subscribed: target.member && isSubscribed(prefs, t.topic) };
  });
}

/** The change a topic makes; null when it is already in effect. */
function changeFor(topic: TUnsubscribeTopic, row: { digestEnabled: boolean; emailModes: unknown }): Prisma.NotificationPreferenceUpdateInput | null {
  if (topic === "digest") return row.digestEnabled ? { digestEnabled: false } : null;
  const explicit = storedModes(row.emailModes);
  const modes = resolveModes(row.emailModes);
  const kinds: TEmailKind[] = topic === "summary" ? (Object.keys(modes) as TEmailKind[]).filter((k) => modes[k] === "daily") : modes[topic] === "off" ? [] : [topic];
  if (kinds.length === 0) return null;
  for (const k of kinds) explicit[k] = "off";
  return { emailModes: explicit as Prisma.InputJsonObject };
}

/** The one-click action: idempotent, safe to call concurrently (the preference row is locked). */
export async function unsubscribe(token: string): Promise<TUnsubscribeResult> {
  const t = readUnsubscribeToken(token);
  if (!t) return { ok: false, reason: "invalid" };
  return withTeam(t.teamId, async (tx): Promise<TUnsubscribeResult> => {
    const target = await loadTarget(tx, t);
    if (!target) return { ok: false, reason: "gone" };
    const base = { ok: true as const, topic: t.topic, label: topicLabel(t.topic), teamName: target.teamName, teamSlug: target.teamSlug, member: target.member };
    if (!target.member) return { ...base, already: true };
    const row = await lockPreferenceRow(tx, t.teamId, t.userId);
    const change = changeFor(t.topic, row);
    if (!change) return { ...base, already: true };
    await tx.notificationPreference.update({ where: { teamId_userId: { teamId: t.teamId, userId: t.userId } }, data: change });
    await recordAudit(tx, {
      teamId: t.teamId,
      actorUserId: t.userId,
      action: "mail.unsubscribed",
      targetType: "user",
      targetId: t.userId,
      metadata: { topic: t.topic, via: "link" },
    });
    return { ...base, already: false };
  });
}
