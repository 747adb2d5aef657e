// What a team data export contains: one file per table, read in keyset order. Columns are listed
// explicitly, and every column a table has is either exported or excluded here with the reason
// (export-files.integration.test.ts compares this with the catalog), so a new column is a choice.
//
// `t` is the table's alias. A column is a column of `t` (formatted by its catalog type), or a
// computed one with its own SQL (already text, arrays or numbers).

export type TExportColumn = string | { name: string; sql: string };

export type TExportFile = {
  file: string;
  format: "csv" | "json";
  table: string;
  description: string;
  columns: TExportColumn[];
  excluded?: Record<string, string>;
  joins?: string;
  /** Columns of `t` giving a total order, for keyset batches. */
  key: string[];
};

/** A timestamp column (stored as UTC) as ISO 8601 text, the way the catalog-typed columns are. */
export const isoSql = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const email = (userCol: string, as: string) => ({ name: as, sql: `(SELECT u.email FROM "User" u WHERE u.id = t."${userCol}")` });
const TEAM = { teamId: "the team (the same for every row)" };
const BODY = "the rendered email; its content comes from the data in the other files";

export const EXPORT_FORMAT_VERSION = 1;

export const EXPORT_FILES: TExportFile[] = [
  {
    file: "members.csv",
    format: "csv",
    table: "Membership",
    description: "Team members and their roles",
    columns: ["userId", { name: "email", sql: "u.email" }, { name: "name", sql: "u.name" }, "role", { name: "joinedAt", sql: isoSql(`t."createdAt"`) }],
    excluded: { ...TEAM, id: "internal membership id", createdAt: "exported as joinedAt" },
    joins: `JOIN "User" u ON u.id = t."userId"`,
    key: ["id"],
  },
  {
    file: "linkedin-accounts.csv",
    format: "csv",
    table: "LinkedInAccount",
    description: "The members' LinkedIn networks",
    columns: ["id", "label", "ownerUserId", email("ownerUserId", "ownerEmail"), "timeZone", "isNew", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "imports.csv",
    format: "csv",
    table: "Import",
    description: "Every uploaded file and what it changed (the uploaded bytes are not kept after an import)",
    columns: [
      "id", "accountId", "uploadedById", email("uploadedById", "uploadedByEmail"), "fileName", "byteSize", "status", "format",
      "rowsTotal", "newCount", "updatedCount", "unchangedCount", "jobChangeCount", "goneCount", "rejectedCount",
      "hiddenCount", "warningCount", "verifiedRemovalCount", "stillConnectedCount", "details", "errorCode", "error", "createdAt", "startedAt", "finishedAt",
    ],
    excluded: {
      ...TEAM,
      phase: "progress of a running import",
      progress: "progress of a running import",
      unfinishedRuns: "internal counter of worker runs that crashed mid-import",
    },
    key: ["id"],
  },
  {
    file: "connections.csv",
    format: "csv",
    table: "Connection",
    description: "Every connection of every account, with its tags",
    columns: [
      "id", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", "email", "company", "position",
      "connectedOn", "status", "endorsedMe", "endorsementCount", "recommendedMe", "lastInteractionAt", "messageCount",
      "stillConnectedAt", "goneAt", "firstImportId", "jobChangedAt", "seniority", "function", "classifiedTitle",
      {
        name: "tags",
        sql: `ARRAY(SELECT g.name FROM "ConnectionTag" ct JOIN "Tag" g ON g.id = ct."tagId" AND g."teamId" = ct."teamId"
                     WHERE ct."teamId" = t."teamId" AND ct."connectionId" = t.id ORDER BY g."nameKey")`,
      },
      "createdAt", "updatedAt",
    ],
    excluded: { ...TEAM, searchText: "a search index generated from name, position and company" },
    key: ["id"],
  },
  {
    file: "connection-events.csv",
    format: "csv",
    table: "ConnectionEvent",
    description: "History of each connection: imported, job changed, gone, reappeared",
    columns: ["id", "connectionId", "importId", "kind", "data", "createdAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "pending-invitations.csv",
    format: "csv",
    table: "PendingInvitation",
    // Every invitation, not only the pending ones: rows stay after they are accepted or gone (decision 0013).
    description: "LinkedIn invitations (sent or received), one per other party; status PENDING, ACCEPTED (now a connection) or GONE (withdrawn, declined or expired)",
    columns: [
      "id", "accountId", "importId", "direction", "name", "profileUrl", "identityKey", "sentAt", "message",
      "personKey", "status", "firstSeenAt", "lastSeenAt", "statusChangedAt", "withdrawnAt",
      "response", "respondedAt", "respondedById", email("respondedById", "respondedByEmail"),
    ],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "tags.csv",
    format: "csv",
    table: "Tag",
    description: "The team's tags, with their keep-in-touch cadence in days (empty = none)",
    columns: ["id", "name", "color", "cadenceDays", "createdById", "createdAt", "updatedAt"],
    excluded: { ...TEAM, nameKey: "the name in lower case, for uniqueness" },
    key: ["id"],
  },
  {
    file: "notes.csv",
    format: "csv",
    table: "Note",
    description: "Notes on connections, with their authors",
    columns: ["id", "connectionId", "authorId", email("authorId", "authorEmail"), { name: "authorName", sql: `(SELECT u.name FROM "User" u WHERE u.id = t."authorId")` }, "body", "createdAt", "updatedAt", "editedAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "saved-views.csv",
    format: "csv",
    table: "SavedView",
    description: "Saved filters of the connections table",
    columns: ["id", "name", "query", "shared", "ownerUserId", email("ownerUserId", "ownerEmail"), "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "icps.json",
    format: "json",
    table: "Icp",
    description: "Ideal customer profiles with their full definitions",
    columns: ["id", "name", "version", "definition", "scoredVersion", "scoredAt", "createdById", "createdAt", "updatedAt"],
    excluded: { ...TEAM, rescoreProgress: "progress of a running rescore" },
    key: ["id"],
  },
  {
    file: "icp-scores.csv",
    format: "csv",
    table: "IcpScore",
    description: "Each connection's score against each profile, with the reasons and flags",
    columns: ["icpId", "connectionId", "version", "score", "band", "reasons", "flags", "scoredAt"],
    excluded: TEAM,
    key: ["icpId", "connectionId"],
  },
  {
    file: "review-items.csv",
    format: "csv",
    table: "ReviewItem",
    description: "Decisions: connections (remove, follow up, job change) and sent invitations (withdraw) put up for review, and their status",
    columns: ["id", "connectionId", "invitationId", "accountId", "kind", "state", "origin", "rules", "ruleDetail", "reason", "protectedLoss", "addedById", "round", "voteCount", "decision", "decisionReason", "decidedById", "decidedAt", "snoozedUntil", "keepUntil", "closedReason", "closedAt", "executedAt", "plannedOn", "planRank", "retryNote", "notFoundAt", "lastChange", "version", "createdAt", "updatedAt"],
    excluded: { ...TEAM, claimedById: "a reviewer's short lease on the card while it is on screen", claimExpiresAt: "a reviewer's short lease on the card while it is on screen" },
    key: ["id"],
  },
  {
    file: "review-votes.csv",
    format: "csv",
    table: "ReviewVote",
    description: "Votes on review items: who proposed keep, remove, follow up or snooze, per round",
    columns: ["id", "itemId", "round", "userId", email("userId", "userEmail"), "choice", "reason", "snoozeUntil", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "review-comments.csv",
    format: "csv",
    table: "ReviewComment",
    description: "Comments on review items, with their authors and @mentions",
    columns: ["id", "itemId", "authorId", email("authorId", "authorEmail"), "body", "mentionedUserIds", "createdAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "reminders.csv",
    format: "csv",
    table: "Reminder",
    description: "Reminders: follow-ups (set by hand or by a follow-up decision) and keep-in-touch cadences, with due dates and how they closed",
    columns: ["id", "connectionId", "accountId", "kind", "dueAt", "note", "createdById", "sourceItemId", "tagId", "notifiedAt", "doneAt", "closedReason", "closedById", "createdAt", "updatedAt"],
    excluded: { ...TEAM, cadenceOpenFor: "internal key: the person's one open cadence reminder (the connection id while open)" },
    key: ["id"],
  },
  {
    file: "removal-outcomes.csv",
    format: "csv",
    table: "RemovalOutcome",
    description: "What the account owners recorded in removal sessions (removed, couldn't find, kept), undos included",
    columns: ["id", "accountId", "itemId", "connectionId", "outcome", "localDate", "counted", "recordedById", email("recordedById", "recordedByEmail"), "createdAt", "undoneAt", "budgetReturned", "supersededAt"],
    excluded: { ...TEAM, liveFor: "internal key: the item's one live outcome", prevNextAllowedAt: "internal pacing state restored by an undo" },
    key: ["createdAt", "id"],
  },
  {
    file: "withdrawal-outcomes.csv",
    format: "csv",
    table: "WithdrawalOutcome",
    description: "What the account owners recorded for sent invitations (withdrawn, they accepted, keep waiting), undos and what the next archive showed",
    columns: ["id", "accountId", "itemId", "invitationId", "outcome", "localDate", "counted", "recordedById", email("recordedById", "recordedByEmail"), "createdAt", "undoneAt", "budgetReturned", "supersededAt", "verification", "verifiedAt"],
    excluded: { ...TEAM, liveFor: "internal key: the item's one live outcome", prevNextAllowedAt: "internal pacing state restored by an undo" },
    key: ["createdAt", "id"],
  },
  {
    file: "removal-days.csv",
    format: "csv",
    table: "RemovalDay",
    description: "Removals and invitation withdrawals per account and local day, and the day's removal plan",
    columns: ["accountId", "localDate", "used", "withdrawUsed", "planned", "plannedAt", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["accountId", "localDate"],
  },
  {
    file: "removal-policies.csv",
    format: "csv",
    table: "RemovalBudget",
    description: "Each account's removal policy (empty = the default for its size) and pacing state",
    columns: ["accountId", "dailyLimit", "gapSeconds", "hourlyLimit", "weeklyLimit", "nextAllowedAt", "lastRemovedAt", "withdrawDailyLimit", "withdrawNextAllowedAt", "withdrawLastAt", "policyUpdatedById", "policyUpdatedAt", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["accountId"],
  },
  {
    file: "queue-settings.json",
    format: "json",
    table: "QueueSettings",
    description: "The queue rules the team tuned",
    columns: ["rules", "version", "updatedById", "updatedAt"],
    excluded: TEAM,
    key: ["teamId"],
  },
  {
    file: "notifications.csv",
    format: "csv",
    table: "Notification",
    description: "Notifications of the members (mentions, decisions, items waiting, reminders, job changes) and whether they were emailed",
    columns: ["id", "userId", email("userId", "userEmail"), "kind", "itemId", "actorId", "data", "createdAt", "readAt", "mailState"],
    excluded: { ...TEAM, dedupeKey: "internal key that keeps a daily notification from repeating" },
    key: ["id"],
  },
  {
    file: "notification-preferences.csv",
    format: "csv",
    table: "NotificationPreference",
    description: "Each member's email choices: weekly digest slot and time zone, and which notifications are emailed (members without a row use the defaults)",
    columns: ["userId", email("userId", "userEmail"), "timeZone", "digestWeekday", "digestHour", "digestEnabled", "quietWeekNote", "emailModes", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["userId"],
  },
  {
    file: "digest-runs.csv",
    format: "csv",
    table: "DigestRun",
    description: "Weekly digests and daily summaries: one row per member and period, sent or why not",
    columns: ["id", "userId", email("userId", "userEmail"), "kind", "period", "dueAt", "status", "outboxId", "createdAt"],
    excluded: TEAM,
    key: ["id"],
  },
  {
    file: "team-stats-snapshots.json",
    format: "json",
    table: "TeamStatsSnapshot",
    description: "Daily snapshots of the team's figures the weekly digest compares against (ICP fit trend)",
    columns: ["takenOn", "data", "createdAt"],
    excluded: TEAM,
    key: ["takenOn"],
  },
  {
    file: "emails.csv",
    format: "csv",
    table: "EmailOutbox",
    description: "Team emails (digests, notification emails) and their delivery: to whom, subject, sent or failed",
    columns: ["id", "kind", "to", "subject", "status", "attempts", "lastError", "createdAt", "sentAt", "failedAt"],
    excluded: { ...TEAM, dedupeKey: "internal key that keeps an email from being sent twice", html: BODY, text: BODY, headers: "unsubscribe links, which are credentials of the recipient" },
    key: ["createdAt", "id"],
  },
  {
    file: "audit-log.csv",
    format: "csv",
    table: "AuditLog",
    description: "Who did what in the team, oldest first",
    columns: ["id", "createdAt", "actorUserId", email("actorUserId", "actorEmail"), "action", "targetType", "targetId", "metadata"],
    excluded: TEAM,
    key: ["createdAt", "id"],
  },
  {
    file: "column-mappings.json",
    format: "json",
    table: "ColumnMapping",
    description: "Column mappings remembered for unrecognised file layouts",
    columns: ["id", "signature", "headers", "mapping", "updatedById", "createdAt", "updatedAt"],
    excluded: TEAM,
    key: ["id"],
  },
];

/** Tenant tables that have no file of their own, and why (the catalog test requires a reason). */
export const TABLES_WITHOUT_FILE: Record<string, string> = {
  Team: "its name and creation time are in manifest.json",
  ConnectionTag: "exported as the tags column of connections.csv",
  Invitation: "pending invitations to join the team hold secret tokens; they expire on their own",
  ImportChunk: "uploaded bytes, deleted once an import finishes",
  ImportRejection: "rows an import could not read; downloadable from each import's page",
  ApiKey: "secrets (only hashes are stored)",
  BulkTagChange: "internal undo history of bulk tagging; the tags themselves are in connections.csv",
  ReviewChange: "internal undo history of review decisions; the decisions are in review-items.csv and audit-log.csv",
  TeamExport: "the exports themselves",
  TeamExportChunk: "the exports themselves",
};

export const columnName = (c: TExportColumn) => (typeof c === "string" ? c : c.name);
