import { normalizeProfileUrl } from "../connections/normalize";
import type { TRejectedRow } from "../types";
import type { TSideFileOptions } from "./invitations";
import { cell, columnDayFirst, readDateCell, readSideCsv, sideRejection } from "./side-csv";
import type { TEndorser, TParsedEndorsements } from "./types";

/**
 * Endorsement_Received_Info.csv: one row per endorsed skill. Aggregated per endorser, keyed by
 * profile URL (usually written without a scheme); rows without a usable URL cannot be matched
 * to a connection and are rejected.
 */
export function parseEndorsements(bytes: Uint8Array, opts: TSideFileOptions = {}): TParsedEndorsements {
  const table = readSideCsv(bytes, opts.fileName ?? "Endorsement_Received_Info.csv", ["Endorser Public Url"]);
  const now = opts.now ?? new Date();
  const urlColumn = table.column("Endorser Public Url");
  const dateColumn = table.column("Endorsement Date");
  const dayFirst = columnDayFirst(table.records, dateColumn);
  const endorsers = new Map<string, TEndorser>();
  const rejected: TRejectedRow[] = [];

  for (const record of table.records) {
    if (record.malformed) {
      rejected.push(sideRejection(table, record, undefined, record.malformedCode ?? "malformed_csv", record.malformed));
      continue;
    }
    const url = cell(record, urlColumn);
    const profile = url === "" ? null : normalizeProfileUrl(url);
    if (!profile || !profile.ok) {
      const message = profile ? profile.message : "No endorser profile URL, so this endorsement cannot be matched to a connection.";
      rejected.push(sideRejection(table, record, urlColumn, "invalid_profile_url", message));
      continue;
    }
    const date = readDateCell(cell(record, dateColumn), dayFirst, now);
    if ("error" in date) {
      rejected.push(sideRejection(table, record, dateColumn, "invalid_date", date.error));
      continue;
    }
    const entry = endorsers.get(profile.key);
    if (!entry) {
      endorsers.set(profile.key, { count: 1, lastAt: date.at });
      continue;
    }
    entry.count++;
    if (date.at && (!entry.lastAt || date.at > entry.lastAt)) entry.lastAt = date.at;
  }
  return { endorsers, rows: table.records.length, rejected, headers: table.headers };
}
