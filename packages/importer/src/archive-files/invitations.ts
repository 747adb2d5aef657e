import { cleanText, normalizeProfileUrl } from "../connections/normalize";
import type { TRejectedRow } from "../types";
import { cell, columnDayFirst, readDateCell, readSideCsv, sideRejection } from "./side-csv";
import type { TInvitationRow, TParsedInvitations } from "./types";

export interface TSideFileOptions {
  fileName?: string;
  /** "Now" for the future-date check; tests pin it. */
  now?: Date;
}

/**
 * Invitations.csv: `From, To, Sent At, Message, Direction` and, since 2024, the two parties'
 * profile URLs. It lists accepted invitations too (there is no pending flag): the caller
 * decides what is pending by looking the other person up among the connections.
 */
export function parseInvitations(bytes: Uint8Array, opts: TSideFileOptions = {}): TParsedInvitations {
  const table = readSideCsv(bytes, opts.fileName ?? "Invitations.csv", ["From", "To", "Direction"]);
  const now = opts.now ?? new Date();
  const col = {
    from: table.column("From"),
    to: table.column("To"),
    sentAt: table.column("Sent At", "Sent"),
    message: table.column("Message"),
    direction: table.column("Direction"),
    // One early-2024 variant had URN columns instead of URLs; a URN is read as "no URL".
    inviterUrl: table.column("inviterProfileUrl", "Inviter Profile URL", "inviterProfileUrn"),
    inviteeUrl: table.column("inviteeProfileUrl", "Invitee Profile URL", "inviteeProfileUrn"),
  };
  const dayFirst = columnDayFirst(table.records, col.sentAt);
  const rows: TInvitationRow[] = [];
  const rejected: TRejectedRow[] = [];

  for (const record of table.records) {
    const reject = (column: number | undefined, code: TRejectedRow["code"], message: string) =>
      rejected.push(sideRejection(table, record, column, code, message));
    if (record.malformed) {
      reject(undefined, record.malformedCode ?? "malformed_csv", record.malformed);
      continue;
    }
    const direction = cell(record, col.direction).toUpperCase();
    if (direction !== "INCOMING" && direction !== "OUTGOING") {
      reject(col.direction, "invalid_value", `Direction is "${cell(record, col.direction)}"; expected INCOMING or OUTGOING.`);
      continue;
    }
    const outgoing = direction === "OUTGOING";
    const nameColumn = outgoing ? col.to : col.from;
    const urlColumn = outgoing ? col.inviteeUrl : col.inviterUrl;
    const url = cell(record, urlColumn);
    let profile: { key: string; url: string | null } | null = null;
    if (url !== "" && !/^urn:/i.test(url)) {
      const parsed = normalizeProfileUrl(url);
      if (!parsed.ok) {
        reject(urlColumn, parsed.code, parsed.message);
        continue;
      }
      profile = parsed;
    }
    const name = cleanText(cell(record, nameColumn)) ?? "";
    if (name === "" && !profile) {
      reject(nameColumn, "missing_identity", "The other person has neither a name nor a profile URL, so the invitation cannot be matched.");
      continue;
    }
    const sent = readDateCell(cell(record, col.sentAt), dayFirst, now);
    if ("error" in sent) {
      reject(col.sentAt, "invalid_date", sent.error);
      continue;
    }
    rows.push({
      line: record.line,
      direction,
      name,
      profileUrl: profile?.url ?? null,
      identityKey: profile?.key ?? null,
      sentAt: sent.at,
      message: cell(record, col.message) || null,
    });
  }
  return { rows, rejected, total: table.records.length, headers: table.headers };
}
