import { z } from "zod";
import { Prisma, withTeam, withTeamRaw } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";

// Node's list holds CLDR's canonical names (Asia/Calcutta, not Asia/Kolkata): IANA names it
// does not list but can use (current aliases and links) are valid too.
const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone").concat("UTC"));
export function isKnownTimeZone(tz: string): boolean {
  if (TIME_ZONES.has(tz)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ZAccountInput = z.object({
  label: z.string().trim().min(1, "Give the account a label, e.g. “Anna’s LinkedIn”.").max(80, "Keep the label under 80 characters."),
  ownerUserId: z.string().min(1).max(64),
  timeZone: z.string().max(64).refine(isKnownTimeZone, "Choose a time zone from the list."),
  isNew: z.boolean().default(false),
});
export type TAccountInput = z.input<typeof ZAccountInput>;

export type TAccountSummary = {
  id: string;
  label: string;
  timeZone: string;
  isNew: boolean;
  owner: { id: string; name: string };
  connectionCount: number;
  lastImport: { id: string; status: string; createdAt: Date } | null;
};

/** Any member adds an account they own; owners and admins may add one for another member. */
export async function createLinkedInAccount(ctx: TTeamContext, raw: TAccountInput): Promise<{ id: string }> {
  const parsed = ZAccountInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? "label"), issue.message);
  }
  const input = parsed.data;
  if (input.ownerUserId !== ctx.userId && !roleAtLeast(ctx.role, "ADMIN")) {
    throw forbidden("Only owners and admins can add an account for another member.");
  }
  return withTeam(ctx.teamId, async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: ctx.teamId, userId: input.ownerUserId }, select: { id: true } });
    if (!member) throw invalid("ownerUserId", "The owner must be a member of this team.");
    // Stored in Postgres' own spelling: Intl takes "europe/berlin", but the SQL that plans
    // removal days and finds due digests compares names exactly (pg_timezone_names).
    const [zone] = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM pg_timezone_names WHERE lower(name) = lower(${input.timeZone}) ORDER BY name = ${input.timeZone} DESC, name LIMIT 1`;
    if (!zone) throw invalid("timeZone", "This time zone is not supported here; choose another from the list.");
    input.timeZone = zone.name;
    // Labels name accounts in the CLI and the UI: "Anna" and "anna " would be indistinguishable.
    const clash = await tx.linkedInAccount.findFirst({ where: { teamId: ctx.teamId, label: { equals: input.label, mode: "insensitive" } }, select: { id: true } });
    if (clash) throw conflict(`This team already has an account labelled “${input.label}”.`, "label");
    try {
      const account = await tx.linkedInAccount.create({
        data: { teamId: ctx.teamId, ownerUserId: input.ownerUserId, label: input.label, timeZone: input.timeZone, isNew: input.isNew },
        select: { id: true },
      });
      await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "account.created", targetType: "linkedin_account", targetId: account.id });
      return account;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw conflict(`This team already has an account labelled “${input.label}”.`, "label");
      }
      throw e;
    }
  });
}

export async function listLinkedInAccounts(ctx: TTeamContext): Promise<TAccountSummary[]> {
  // Read by every connections page: the lean path (issue 13), three statements whatever the size.
  return withTeamRaw(ctx.teamId, async (tx) => {
    const accounts = await tx.$queryRaw<Array<{ id: string; label: string; timeZone: string; isNew: boolean; ownerId: string; ownerName: string }>>`
      SELECT a.id, a.label, a."timeZone", a."isNew", u.id AS "ownerId", u.name AS "ownerName"
        FROM "LinkedInAccount" a JOIN "User" u ON u.id = a."ownerUserId"
       WHERE a."teamId" = ${ctx.teamId} ORDER BY a."createdAt", a.id`;
    const latest = await tx.$queryRaw<Array<{ id: string; status: string; createdAt: Date; accountId: string }>>`
      SELECT DISTINCT ON ("accountId") id, status::text AS status, "createdAt", "accountId" FROM "Import"
       WHERE "teamId" = ${ctx.teamId} ORDER BY "accountId", "createdAt" DESC`;
    const lastImportOf = new Map(latest.map(({ accountId, ...i }) => [accountId, i]));
    const counts = await tx.$queryRaw<Array<{ accountId: string; n: number }>>`
      SELECT "accountId", count(*)::int AS n FROM "Connection"
       WHERE "teamId" = ${ctx.teamId} AND status IN ('CONNECTED', 'REMOVAL_PENDING') GROUP BY "accountId"`;
    const byAccount = new Map(counts.map((c) => [c.accountId, c.n]));
    return accounts.map(({ ownerId, ownerName, ...a }) => ({
      ...a,
      owner: { id: ownerId, name: ownerName },
      connectionCount: byAccount.get(a.id) ?? 0,
      lastImport: lastImportOf.get(a.id) ?? null,
    }));
  }, { interactive: true });
}

export async function getLinkedInAccount(ctx: TTeamContext, accountId: string): Promise<TAccountSummary> {
  const found = (await listLinkedInAccounts(ctx)).find((a) => a.id === accountId);
  if (!found) throw notFound("This LinkedIn account");
  return found;
}

/** The account's owner uploads its exports; team owners and admins may do it for them. */
export function canImportInto(ctx: TTeamContext, account: { owner: { id: string } }): boolean {
  return account.owner.id === ctx.userId || roleAtLeast(ctx.role, "ADMIN");
}

export async function findAccountByLabel(ctx: TTeamContext, label: string): Promise<TAccountSummary> {
  const found = (await listLinkedInAccounts(ctx)).find((a) => a.label.toLowerCase() === label.trim().toLowerCase());
  if (!found) throw notFound(`A LinkedIn account labelled “${label}”`);
  return found;
}
