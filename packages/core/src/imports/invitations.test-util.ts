import { withTeam } from "@crm/db";
import { buildZip } from "../../../importer/src/archive/test-zip";
import type { TTeamContext } from "../teams/membership";
import { csvOf, importWholeNetwork } from "./import-helpers.test-util";

// Shared by the invitation import tests: archives with Connections.csv and Invitations.csv, run
// through the real upload and import job.

const ME = "https://www.linkedin.com/in/me-myself";
const url = (slug: string | null) => (slug ? `https://www.linkedin.com/in/${slug}` : "");

/** An Invitations.csv line (2024 layout). `slug` null: no URL (the name identifies the person). */
export const out = (name: string, slug: string | null, sent: string, message = "") => `Me Myself,${name},${sent},${message},OUTGOING,${ME},${url(slug)}`;
export const inc = (name: string, slug: string | null, sent: string, message = "") => `${name},Me Myself,${sent},${message},INCOMING,${url(slug)},${ME}`;

export const INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";

/** Imports an archive of `people` (Connections.csv) and, unless null, those invitation lines. */
export async function importArchive(ctx: TTeamContext, accountId: string, people: Array<[string, string, string]>, invitations: string[] | null) {
  const dir = "Basic_LinkedInDataExport_11-20-2026";
  const zip = await buildZip([
    { path: `${dir}/Connections.csv`, data: Buffer.from(csvOf(people)) },
    ...(invitations ? [{ path: `${dir}/Invitations.csv`, data: Buffer.from([INVITATIONS_HEADER, ...invitations].join("\n")) }] : []),
  ]);
  return importWholeNetwork(ctx, accountId, zip, `${dir}.zip`);
}

export type TInvitationRowView = {
  id: string;
  direction: string;
  name: string;
  personKey: string;
  status: string;
  importId: string;
  sentAt: Date | null;
  message: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  statusChangedAt: Date | null;
  withdrawnAt: Date | null;
};

/** The account's invitations by `${direction} ${personKey}`. */
export async function invitationsOf(ctx: TTeamContext, accountId: string): Promise<Record<string, TInvitationRowView>> {
  const rows = await withTeam(ctx.teamId, (tx) => tx.pendingInvitation.findMany({ where: { teamId: ctx.teamId, accountId } }));
  return Object.fromEntries(rows.map((r) => [`${r.direction} ${r.personKey}`, { ...r, status: r.status as string }]));
}
