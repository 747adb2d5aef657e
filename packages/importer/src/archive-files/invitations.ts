import { MAX_NAME_LENGTH, nameKey, normalizeProfileUrl, normalizeText } from "../connections/normalize";
import type { TRejectedRow } from "../types";
import { cell, columnDayFirst, readDateCell, readSideCsv, sideRejection } from "./side-csv";
import type { TInvitationPerson, TInvitationRow, TParsedInvitations } from "./types";

export const MAX_MESSAGE_LENGTH = 2000;

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
  // Who the rejected rows are about: the import must not take them for "no longer listed".
  const rejectedPeople: TInvitationPerson[] = [];
  let unkeyedRejected = 0;

  for (const record of table.records) {
    const reject = (column: number | undefined, code: TRejectedRow["code"], message: string, person: TInvitationPerson | null) => {
      rejected.push(sideRejection(table, record, column, code, message));
      if (person) rejectedPeople.push(person);
      else unkeyedRejected++;
    };
    // A malformed record's cells may be shifted: a key read from them could name someone else.
    if (record.malformed) {
      reject(undefined, record.malformedCode ?? "malformed_csv", record.malformed, null);
      continue;
    }
    const direction = cell(record, col.direction).toUpperCase();
    if (direction !== "INCOMING" && direction !== "OUTGOING") {
      reject(col.direction, "invalid_value", `Direction is "${cell(record, col.direction)}"; expected INCOMING or OUTGOING.`, null);
      continue;
    }
    const outgoing = direction === "OUTGOING";
    const nameColumn = outgoing ? col.to : col.from;
    const urlColumn = outgoing ? col.inviteeUrl : col.inviterUrl;
    const url = cell(record, urlColumn);
    const parsedUrl = url !== "" && !/^urn:/i.test(url) ? normalizeProfileUrl(url) : null;
    const profile = parsedUrl?.ok ? parsedUrl : null;
    const named = normalizeText(cell(record, nameColumn), MAX_NAME_LENGTH, "name");
    const name = named.ok ? (named.value ?? "") : "";
    // The key applyInvitations gives this person (invitationPersonKey there): URL key, else name.
    const personKey = profile ? profile.key : name !== "" ? `name:${nameKey(name, "")}` : null;
    const person: TInvitationPerson | null = personKey ? { direction, personKey } : null;
    if (parsedUrl && !parsedUrl.ok) {
      reject(urlColumn, parsedUrl.code, parsedUrl.message, person);
      continue;
    }
    if (!named.ok) {
      reject(nameColumn, named.code, named.message, person);
      continue;
    }
    if (name === "" && !profile) {
      reject(nameColumn, "missing_identity", "The other person has neither a name nor a profile URL, so the invitation cannot be matched.", null);
      continue;
    }
    const sent = readDateCell(cell(record, col.sentAt), dayFirst, now);
    if ("error" in sent) {
      reject(col.sentAt, "invalid_date", sent.error, person);
      continue;
    }
    // LinkedIn caps an invitation's note at 300 characters; far more is not an export of ours.
    // Kept as written (its line breaks are the owner's), only capped.
    const message = cell(record, col.message);
    if (message.length > MAX_MESSAGE_LENGTH) {
      reject(col.message, "too_long", `The message is ${message.length} characters long; at most ${MAX_MESSAGE_LENGTH} are allowed.`, person);
      continue;
    }
    rows.push({
      line: record.line,
      direction,
      name,
      profileUrl: profile?.url ?? null,
      identityKey: profile?.key ?? null,
      sentAt: sent.at,
      message: message || null,
    });
  }
  return { rows, rejected, rejectedPeople, unkeyedRejected, total: table.records.length, headers: table.headers };
}
