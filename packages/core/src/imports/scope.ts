import type { TSqlClient } from "@crm/db";

// Whether an import may mark people gone (decision 0005). A file only says who is gone if it is
// the whole network: LinkedIn's own Connections export is; a CRM or contacts export (HubSpot,
// Google, a mapped spreadsheet) or a file far smaller than the account usually is not. Such a
// file waits at NEEDS_CONFIRMATION until the user says "partial" (add and update, mark no one
// gone) or "whole" (mark the rest gone). The CLI says it up front with --partial/--whole-network.

export const IMPORT_SCOPES = ["partial", "whole"] as const;
export type TImportScope = (typeof IMPORT_SCOPES)[number];

/** What the confirmation step shows: how many would be marked gone, and why we ask. */
export type TGoneConfirmation = {
  reason: "other_tool" | "many_gone";
  format: string;
  filePeople: number;
  accountConnected: number;
  wouldGo: number;
  /** Asked again: the user had confirmed this many, but more are missing now (another import ran meanwhile). */
  previousWouldGo?: number;
};

/** Up to this many gone (or this share of the account) a LinkedIn export applies without asking. */
export const GONE_WITHOUT_ASKING = { people: 10, share: 0.1 } as const;

/**
 * "Whole network" was confirmed for a number: if more than this many (or this share) above it
 * would go when the import runs, the user is asked again with the new number.
 */
export const RECONFIRM_ABOVE = { people: 3, share: 0.02 } as const;

/** Counted inside the import's transaction, after identities are matched. */
export async function countWouldGo(client: TSqlClient, teamId: string, accountId: string) {
  const { rows } = await client.query<{ connected: number; would_go: number; file_people: number }>(
    `SELECT count(*)::int AS connected,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM stage s WHERE s.identity_key = c."identityKey")
                               AND NOT EXISTS (SELECT 1 FROM keep_keys k WHERE k.identity_key = c."identityKey"))::int AS would_go,
            (SELECT count(*)::int FROM stage) AS file_people
       FROM "Connection" c
      WHERE c."teamId" = $1 AND c."accountId" = $2 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')`,
    [teamId, accountId],
  );
  const r = rows[0]!;
  return { connected: r.connected, wouldGo: r.would_go, filePeople: r.file_people };
}

export type TGoneDecision = { markGone: true } | { markGone: false } | { ask: TGoneConfirmation };

/**
 * `confirmedWouldGo` is the number the user saw when answering "whole" (none when the CLI said
 * --whole-network up front): "whole" applies to that many, not to whatever is missing by the time
 * the import runs.
 */
export function decideGone(
  scope: TImportScope | undefined,
  format: string,
  n: { connected: number; wouldGo: number; filePeople: number },
  confirmedWouldGo?: number,
): TGoneDecision {
  const base = { format, filePeople: n.filePeople, accountConnected: n.connected, wouldGo: n.wouldGo };
  const reason = format !== "linkedin-connections" ? "other_tool" : "many_gone";
  if (scope === "whole" && confirmedWouldGo !== undefined) {
    const slack = Math.max(RECONFIRM_ABOVE.people, Math.floor(confirmedWouldGo * RECONFIRM_ABOVE.share));
    if (n.wouldGo > confirmedWouldGo + slack) return { ask: { reason, ...base, previousWouldGo: confirmedWouldGo } };
  }
  if (n.wouldGo === 0 || scope === "whole") return { markGone: true };
  if (scope === "partial") return { markGone: false };
  if (reason === "other_tool") return { ask: { reason, ...base } };
  const limit = Math.max(GONE_WITHOUT_ASKING.people, Math.floor(n.connected * GONE_WITHOUT_ASKING.share));
  return n.wouldGo > limit ? { ask: { reason, ...base } } : { markGone: true };
}

/**
 * When a file applied as the whole network is an older export (decision 0005): its newest
 * "Connected On" is more than `marginDays` before the account's newest, AND at least `minNewer`
 * people connected after it are missing from it. People who removed you since the last import
 * are missing too, but rarely many of them and rarely all after your latest remaining connection.
 */
export const OLDER_EXPORT = { minNewer: 10, marginDays: 30 } as const;

export type TOlderExport = { fileNewest: string; accountNewest: string; newer: number };

/**
 * Only asked for a file that would mark people gone: an older export applied as the whole network
 * would mark everyone since gone and turn today's jobs back into old ones, so it is refused. A
 * partial application marks no one gone and is not refused for being old.
 */
export async function olderExport(client: TSqlClient, teamId: string, accountId: string): Promise<TOlderExport | null> {
  const { rows } = await client.query<{ file_newest: string | null; account_newest: string | null; newer: number }>(
    `WITH f AS (SELECT max(connected_on) AS newest FROM stage)
     SELECT to_char(f.newest, 'YYYY-MM-DD') AS file_newest,
            to_char(max(c."connectedOn"), 'YYYY-MM-DD') AS account_newest,
            count(*) FILTER (WHERE c."connectedOn" > f.newest
                               AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.identity_key = c."identityKey"))::int AS newer
       FROM f LEFT JOIN "Connection" c ON c."teamId" = $1 AND c."accountId" = $2 AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')
      GROUP BY f.newest`,
    [teamId, accountId],
  );
  const r = rows[0];
  if (!r?.file_newest || !r.account_newest || r.newer < OLDER_EXPORT.minNewer) return null;
  const gapDays = (Date.parse(r.account_newest) - Date.parse(r.file_newest)) / 86_400_000;
  if (gapDays <= OLDER_EXPORT.marginDays) return null;
  return { fileNewest: r.file_newest, accountNewest: r.account_newest, newer: r.newer };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2018-12-20" → "20 Dec 2018", as LinkedIn writes "Connected On". */
const day = (iso: string) => `${iso.slice(8, 10)} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

export function olderExportMessage(o: TOlderExport): string {
  return (
    `This looks like an older export: the newest connection in this file is from ${day(o.fileNewest)}, but this account already has ` +
    `${o.newer.toLocaleString("en")} people connected after that (the newest on ${day(o.accountNewest)}). Importing it would mark them gone and ` +
    `turn current jobs back into old ones, so nothing was changed. Upload your latest export from LinkedIn instead, or upload this ` +
    `file again and apply it as a partial list (it then adds and updates people and marks no one gone).`
  );
}
