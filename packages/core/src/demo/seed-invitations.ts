import { withTeamSql } from "@crm/db";
import { parseInvitations } from "@crm/importer";
import { applyInvitations } from "../imports/apply-invitations";
import type { TTeamContext } from "../teams/membership";

// The demo's Invitations.csv. The demo imports plain Connections.csv files (which say nothing about
// invitations), so the seed writes the file a full archive would have held, in LinkedIn's 2024
// layout, and runs it through the real parser and the import's own invitations step against the
// latest import: the rows are exactly what an archive import makes (person keys, statuses).
// Ages are relative to now, so the invitations page and the withdraw rule (60 days by default)
// always have fresh, old and very old invitations to show.

const OWNER = { name: "Dana Demo", url: "https://www.linkedin.com/in/dana-demo" };
const profile = (name: string) => `https://www.linkedin.com/in/${name.toLowerCase().replace(/ /g, "-")}-demo`;

/** Outgoing: [invitee, age in days, personal message]. More than half are older than 60 days. */
export const DEMO_OUTGOING: Array<[string, number, string | null]> = [
  ["Mara Lind", 5, null],
  ["Jonas Weber", 12, "Great meeting you at the summit, let's stay in touch."],
  ["Aiko Sato", 20, null],
  ["Priya Raman", 33, null],
  ["Lucas Moreau", 45, "Enjoyed your talk on pipeline reviews. Would love to connect."],
  ["Sofia Costa", 58, null],
  ["Noah Berg", 64, null],
  ["Elif Yildiz", 70, null],
  ["Hannah Vogel", 81, "We spoke at the Hamburg sales meetup, happy to stay in touch."],
  ["Felix Hartmann", 95, null],
  ["Omar Haddad", 130, null],
  ["Grace Okafor", 200, "Hi Grace, a mutual friend suggested we connect."],
  ["Mateo Alvarez", 280, null],
  ["Yuki Tanaka", 400, null],
];

/** Incoming: [inviter, age in days, message]. Two look like the demo ICP (sales & marketing leaders). */
export const DEMO_INCOMING: Array<[string, number, string | null]> = [
  ["Clara Ruiz", 2, "Hi Dana, I'm VP Sales at Northwind and we are growing the DACH team. Would be great to connect."],
  ["Ines Duarte", 6, "Head of Marketing at Lumen Labs here. Loved your post on account-based selling!"],
  ["Tom Baker", 11, null],
  ["Viktor Petrov", 19, "Hi, I help companies automate their accounting. Open to a quick chat?"],
  ["Lena Fischer", 30, null],
  ["Samir Khan", 52, null],
];

/** The one person already a connection: the file lists their (accepted) invitation, which must not look pending. */
export type TAcceptedInvitee = { name: string; profileUrl: string };

const DAY_MS = 86_400_000;

/** LinkedIn's 2024 "Sent At": "12/15/24, 7:47 AM" (read as UTC by the parser). */
export function linkedInSentAt(at: Date): string {
  const h = at.getUTCHours();
  const mm = String(at.getUTCMinutes()).padStart(2, "0");
  const yy = String(at.getUTCFullYear() % 100).padStart(2, "0");
  return `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${yy}, ${h % 12 === 0 ? 12 : h % 12}:${mm} ${h < 12 ? "AM" : "PM"}`;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function demoInvitationsCsv(now: Date, accepted: TAcceptedInvitee | null): string {
  const sent = (days: number) => linkedInSentAt(new Date(now.getTime() - days * DAY_MS));
  const line = (cells: string[]) => cells.map(csvCell).join(",");
  const lines = [line(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])];
  for (const [name, days, message] of DEMO_OUTGOING) {
    lines.push(line([OWNER.name, name, sent(days), message ?? "", "OUTGOING", OWNER.url, profile(name)]));
  }
  if (accepted) lines.push(line([OWNER.name, accepted.name, sent(25), "", "OUTGOING", OWNER.url, accepted.profileUrl]));
  for (const [name, days, message] of DEMO_INCOMING) {
    lines.push(line([name, OWNER.name, sent(days), message ?? "", "INCOMING", profile(name), OWNER.url]));
  }
  return `${lines.join("\n")}\n`;
}

/** Whether this demo's invitations were seeded (a person only this version of the file lists). */
const MARKER = `li:${"Hannah Vogel".toLowerCase().replace(/ /g, "-")}-demo`;

/**
 * Idempotent. A demo seeded before invitations were stable rows had 12 pending ones inserted
 * directly: the same people keep their rows (same profile URLs), and are updated by the file.
 */
export async function seedDemoInvitations(ctx: TTeamContext, accountId: string): Promise<void> {
  await withTeamSql(ctx.teamId, async (client) => {
    // The import's lock: one writer of the account's network at a time.
    await client.query(`SELECT id FROM "LinkedInAccount" WHERE id = $1 AND "teamId" = $2 FOR UPDATE`, [accountId, ctx.teamId]);
    const { rows: done } = await client.query(
      `SELECT 1 FROM "PendingInvitation" WHERE "teamId" = $1 AND "accountId" = $2 AND direction = 'OUTGOING' AND "personKey" = $3`,
      [ctx.teamId, accountId, MARKER],
    );
    if (done.length > 0) return;
    const { rows: latest } = await client.query<{ id: string }>(
      `SELECT id FROM "Import" WHERE "teamId" = $1 AND "accountId" = $2 AND status = 'COMPLETED' ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
      [ctx.teamId, accountId],
    );
    if (!latest[0]) return;
    // Someone who recently joined the network: their invitation was accepted.
    const { rows: conn } = await client.query<{ name: string; profileUrl: string }>(
      `SELECT btrim("firstName" || ' ' || "lastName") AS name, "profileUrl" FROM "Connection"
        WHERE "teamId" = $1 AND "accountId" = $2 AND status = 'CONNECTED' AND "profileUrl" IS NOT NULL AND "identityKey" LIKE 'li:%'
        ORDER BY "connectedOn" DESC NULLS LAST, "identityKey" LIMIT 1`,
      [ctx.teamId, accountId],
    );
    const parsed = parseInvitations(new TextEncoder().encode(demoInvitationsCsv(new Date(), conn[0] ?? null)));
    if (parsed.rejected.length > 0) throw new Error(`The demo Invitations.csv has rejected rows: ${parsed.rejected.map((r) => r.message).join("; ")}`);
    await applyInvitations(client, { teamId: ctx.teamId, accountId, importId: latest[0].id }, parsed);
  });
}
