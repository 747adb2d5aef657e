/**
 * A problem with the whole file (not one row): the import cannot start. `code` is stable (used by
 * the UI, the CLI and tests); `message` is written for the user and says what to do.
 */
export type TFileErrorCode =
  | "empty_file"
  | "not_csv_or_zip"
  | "excel_workbook"
  | "undecodable_text"
  | "no_header"
  | "zip_corrupt"
  | "zip_encrypted"
  | "zip_too_many_entries"
  | "zip_ratio_exceeded"
  | "zip_total_exceeded"
  | "zip_nested_archive"
  | "zip_symlink"
  | "zip_ambiguous_entry"
  | "zip_no_connections"
  | "too_many_rows"
  | "too_many_values" // more cells in all than any real export of the row cap has
  | "file_too_large"; // more bytes than a connections file of the row cap can need

export class ImportFileError extends Error {
  constructor(
    readonly code: TFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

/** Row-level problem codes: a rejected row names its line, the field and one of these. */
export type TRowErrorCode =
  | "anonymous_member" // only a date: LinkedIn hides members who closed or hid their profile
  | "missing_identity" // no profile URL, no email, no name
  | "invalid_profile_url"
  | "invalid_email"
  | "invalid_date"
  | "too_long"
  | "column_count" // record has more/fewer fields than the header and cannot be aligned
  | "malformed_csv" // quoting the CSV parser could not recover from
  | "duplicate" // same identity as an earlier row of the same file
  | "invalid_value" // a value outside the allowed set (e.g. an invitation Direction)
  | "stray_quote" // a quote that breaks the row's columns (see connections/stray-quote.ts)
  // A whole archive side file (Invitations.csv, messages, …) that could not be read at all: one
  // rejection for the file, and the rest of the archive imports (core/imports/read-upload.ts).
  | "empty_file"
  | "no_header"
  | "undecodable_text"
  | "too_many_rows"
  | "too_many_values";
