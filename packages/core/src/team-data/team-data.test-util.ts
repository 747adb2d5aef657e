import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { withTeam } from "@crm/db";
import { emptyIcpDefinition } from "@crm/scoring";
import { createInvitation } from "../invitations/invitations";
import { saveIcp } from "../icps/icps";
import { rescoreIcp } from "../icps/rescore";
import { addAccount, importBytes } from "../imports/import-helpers.test-util";
import { receiveUpload } from "../imports/upload";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { generateConnectionsCsv } from "../testing/generate-export";
import { CR_FORMULA, MULTILINE_FORMULA } from "../csv/spreadsheet-safety.test-util";
import { ownerQuery, signUpUser, uniqueEmail, type TSignedUpUser } from "../testing/setup";
import { processTeamExport } from "./build-export";
import { requestTeamExport } from "./export";

// Shared by the export and deletion tests: a team with rows in every tenant table, through the
// real services where they exist, and as the owner role for the rest (tags, notes, views, keys,
// review items: their services are written elsewhere and are not what these tests are about).

const rid = (p: string) => `${p}_${randomBytes(6).toString("hex")}`;

/** A company cell a spreadsheet would run as a formula. */
export const FORMULA_COMPANY = "=HYPERLINK(\"http://evil.example\",\"x\")";
export const FORMULA_SLUG = "eve-formula-1";

export type TSeeded = { accountId: string; icpId: string; exportId: string; tagName: string; noteBody: string; connections: number };

export async function seedTeamData(u: TSignedUpUser, rows = 120): Promise<TSeeded> {
  const ctx = u.ctx;
  const accountId = await addAccount(ctx);
  const csv = generateConnectionsCsv({ rows }) + `\nEve,Formula,https://www.linkedin.com/in/${FORMULA_SLUG},,"${FORMULA_COMPANY.replace(/"/g, '""')}",-Chief,12 Jan 2024`;
  await importBytes(ctx, accountId, csv);
  // An upload still waiting for its job keeps its bytes in ImportChunk.
  await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([Buffer.from(generateConnectionsCsv({ rows: 5 }))]) }, { queue: false });
  await createInvitation(ctx, { email: uniqueEmail("invitee"), role: "MEMBER" });
  const { id: icpId, version } = await saveIcp(ctx, { name: `Leaders ${rid("i")}`, definition: { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" } } });
  await rescoreIcp(ctx.teamId, icpId, { version });

  const conn = await withTeam(ctx.teamId, (tx) => tx.connection.findFirstOrThrow({ where: { teamId: ctx.teamId }, orderBy: { id: "asc" }, select: { id: true, firstImportId: true } }));
  const importId = conn.firstImportId!;
  const tag = rid("tag");
  const tagName = `VIP ${tag.slice(-4)}`;
  const noteBody = "+1 called back, said @someone would reply";
  const t = ctx.teamId;
  const q = (sql: string, params: unknown[]) => ownerQuery(sql, params);
  await q(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, $3, lower($3), 'blue', now())`, [tag, t, tagName]);
  await q(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId", "addedById") VALUES ($1, $2, $3, $4)`, [t, tag, conn.id, u.userId]);
  await q(`INSERT INTO "BulkTagChange" (id, "teamId", "userId", "tagId", kind, "connectionIds", count) VALUES ($1, $2, $3, $4, 'add', ARRAY[$5], 1)`, [rid("btc"), t, u.userId, tag, conn.id]);
  await q(`INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind, data) VALUES ($1, $2, $3, $4, 'JOB_CHANGED', '{"from":"Globex"}')`, [rid("ev"), t, conn.id, importId]);
  await q(`INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`, [rid("note"), t, conn.id, u.userId, noteBody]);
  await q(`INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`, [rid("note"), t, conn.id, u.userId, MULTILINE_FORMULA]);
  await q(`INSERT INTO "SavedView" (id, "teamId", "ownerUserId", name, query, "updatedAt") VALUES ($1, $2, $3, $4, 'tag:vip', now())`, [rid("view"), t, u.userId, CR_FORMULA]);
  await q(`INSERT INTO "SavedView" (id, "teamId", "ownerUserId", name, query, "updatedAt") VALUES ($1, $2, $3, 'Hot leads', 'tag:vip', now())`, [rid("view"), t, u.userId]);
  await q(`INSERT INTO "ApiKey" (id, "teamId", name, prefix, "keyHash", scope) VALUES ($1, $2, 'CI', 'crm_abc', $3, 'READ')`, [rid("key"), t, rid("hash")]);
  const itemId = rid("ri");
  await q(`INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, reason, "voteCount", "updatedAt") VALUES ($1, $2, $3, $4, 'REMOVE', 'left the industry', 1, now())`, [itemId, t, conn.id, accountId]);
  await q(`INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, reason, "updatedAt") VALUES ($1, $2, $3, 1, $4, 'REMOVE', 'not our market', now())`, [rid("rv"), t, itemId, u.userId]);
  await q(`INSERT INTO "ReviewComment" (id, "teamId", "itemId", "authorId", body, "mentionedUserIds") VALUES ($1, $2, $3, $4, '=1+1 @self', ARRAY[$4])`, [rid("rc"), t, itemId, u.userId]);
  await q(`INSERT INTO "ReviewChange" (id, "teamId", "batchId", "itemId", "userId", before, "afterVersion") VALUES ($1, $2, $3, $4, $5, '{"state":"OPEN"}', 2)`, [rid("rch"), t, rid("batch"), itemId, u.userId]);
  await q(`INSERT INTO "QueueSettings" ("teamId", rules, "updatedById", "updatedAt") VALUES ($1, '{"keepMonths":6}', $2, now())`, [t, u.userId]);
  await q(`INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", "actorId", data) VALUES ($1, $2, $3, 'mention', $4, $3, '{}')`, [rid("nt"), t, u.userId, itemId]);
  await q(`INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", note, "createdById", "sourceItemId", "updatedAt") VALUES ($1, $2, $3, $4, now() + interval '7 days', 'call back', $5, $6, now())`, [rid("rem"), t, conn.id, accountId, u.userId, itemId]);
  // The import already made the account's budget row (it takes that lock): set a policy on it.
  await q(`INSERT INTO "RemovalBudget" ("accountId", "teamId", "dailyLimit", "updatedAt") VALUES ($1, $2, 15, now()) ON CONFLICT ("accountId") DO UPDATE SET "dailyLimit" = 15`, [accountId, t]);
  await q(`INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, planned, "plannedAt", "updatedAt") VALUES ($1, $2, current_date, 1, 5, now(), now())`, [t, accountId]);
  await q(`INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "recordedById") VALUES ($1, $2, $3, $4, $5, 'REMOVED', current_date, true, $6)`, [rid("ro"), t, accountId, itemId, conn.id, u.userId]);
  // Invitations (issue 17): a sent invitation, its withdraw item, and the recorded withdrawal.
  const invitationId = rid("pi");
  const withdrawItemId = rid("wri");
  await q(`INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey", "withdrawnAt") VALUES ($1, $2, $3, $4, 'OUTGOING', 'Pat Pending', 'name:pat pending', now())`, [invitationId, t, accountId, importId]);
  await q(`INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, "executedAt", "updatedAt") VALUES ($1, $2, $3, $4, 'WITHDRAW_INVITATION', 'DONE', 'REMOVE', now(), now())`, [withdrawItemId, t, invitationId, accountId]);
  await q(`INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "recordedById") VALUES ($1, $2, $3, $4, $5, 'WITHDRAWN', current_date, true, $4, $6)`, [rid("wo"), t, accountId, withdrawItemId, invitationId, u.userId]);
  await q(`INSERT INTO "ColumnMapping" (id, "teamId", signature, mapping, "updatedAt") VALUES ($1, $2, $3, '{"firstName":"Vorname"}', now())`, [rid("cm"), t, rid("sig")]);
  // Reminders, email preferences, digests (issue 12): a cadence tag with its open reminder, a
  // member's choices, a digest claimed with its team-tagged outbox row, a stats snapshot.
  await q(`UPDATE "Tag" SET "cadenceDays" = 90 WHERE id = $1`, [tag]);
  await q(`INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", kind, "dueAt", "tagId", "cadenceOpenFor", "updatedAt") VALUES ($1, $2, $3, $4, 'CADENCE', now() + interval '90 days', $5, $3, now())`, [rid("rem"), t, conn.id, accountId, tag]);
  await q(`INSERT INTO "NotificationPreference" ("teamId", "userId", "timeZone", "digestWeekday", "digestHour", "emailModes", "updatedAt") VALUES ($1, $2, 'Europe/Berlin', 5, 7, '{"reminder_due":"daily"}', now())`, [t, u.userId]);
  const outboxId = rid("ob");
  await q(`INSERT INTO "EmailOutbox" (id, "dedupeKey", "teamId", kind, headers, "to", subject, html, text) VALUES ($1, $2, $3, 'digest', '{"List-Unsubscribe":"<https://app.example/api/unsubscribe/secret>"}', $4, 'Your week', '<p>x</p>', 'x')`, [outboxId, `digest:${t}:${u.userId}:2026-W49`, t, u.email]);
  await q(`INSERT INTO "DigestRun" (id, "teamId", "userId", kind, period, "dueAt", status, "outboxId") VALUES ($1, $2, $3, 'weekly', '2026-W49', now(), 'sent', $4)`, [rid("dr"), t, u.userId, outboxId]);
  await q(`INSERT INTO "TeamStatsSnapshot" ("teamId", "takenOn", data) VALUES ($1, current_date, '{"icps":[]}')`, [t]);
  await q(`INSERT INTO "ImportRejection" ("teamId", "importId", seq, file, line, field, code, message, raw) VALUES ($1, $2, 9999, 'Connections.csv', 7, 'url', 'bad_url', 'not a LinkedIn URL', '{}')`, [t, importId]);

  const { exportId } = await requestTeamExport(ctx);
  await processTeamExport(ctx.teamId, exportId);
  return { accountId, icpId, exportId, tagName, noteBody, connections: rows + 1 };
}

/** Another user made a member of `team` with `role`, and their context there. */
export async function addMember(team: TTeamContext, role: "ADMIN" | "MEMBER", label = "member"): Promise<TTeamContext> {
  const other = await signUpUser(label);
  await ownerQuery(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`, [rid("m"), team.teamId, other.userId, role]);
  return resolveTeamContext({ userId: other.userId, slug: team.slug });
}

export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of body) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

/** Every entry of a zip, by name. */
export function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip"));
      const out = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("no stream"));
          const parts: Buffer[] = [];
          stream.on("data", (d: Buffer) => parts.push(d));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
