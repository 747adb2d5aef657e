import { withTeam } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";

// The pending invitations of an account: status PENDING, i.e. listed by the latest archive and the
// other party not a connection. The rows stay after they are accepted or gone (decision 0013), so
// the status is the filter. A page at a time: an account can have thousands.

export const INVITATIONS_PAGE_SIZE = 50;
const MAX_PAGE = 10_000;

export type TImportedInvitation = {
  id: string;
  name: string;
  profileUrl: string | null;
  direction: "INCOMING" | "OUTGOING";
  sentAt: Date | null;
  /** Whether a note was written; the text itself stays out of the list. */
  hasMessage: boolean;
};

export type TImportedInvitationsPage = { rows: TImportedInvitation[]; total: number; page: number; pageSize: number; pages: number };

export async function listImportedInvitations(ctx: TTeamContext, accountId: string, opts: { page?: number } = {}): Promise<TImportedInvitationsPage> {
  const pageSize = INVITATIONS_PAGE_SIZE;
  return withTeam(ctx.teamId, async (tx) => {
    const account = await tx.linkedInAccount.findFirst({ where: { id: accountId, teamId: ctx.teamId }, select: { id: true } });
    if (!account) throw notFound("This LinkedIn account");
    const where = { teamId: ctx.teamId, accountId: account.id, status: "PENDING" as const };
    const total = await tx.pendingInvitation.count({ where });
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages, MAX_PAGE);
    const rows = await tx.pendingInvitation.findMany({
      where,
      orderBy: [{ sentAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, name: true, profileUrl: true, direction: true, sentAt: true, message: true },
    });
    return {
      rows: rows.map(({ message, direction, ...r }) => ({ ...r, direction: direction === "INCOMING" ? "INCOMING" : "OUTGOING", hasMessage: !!message?.trim() })),
      total,
      page,
      pageSize,
      pages,
    };
  });
}
