import { ImportFileError } from "../errors";

const DOWNLOAD_AGAIN = "Download the archive from LinkedIn again and upload it unchanged, or upload Connections.csv on its own.";

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${+(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function withCause(err: ImportFileError, cause: unknown): ImportFileError {
  err.cause = cause;
  return err;
}

/**
 * Turns whatever yauzl or zlib threw into an ImportFileError the user can act on. Their messages
 * are developer-facing; the original stays in `cause` for logs. Operating-system errors (the
 * worker's temp file vanished, EIO) are ours, not the user's, so they pass through untouched.
 */
export function toImportError(err: unknown): Error {
  if (err instanceof ImportFileError) return err;
  if (err instanceof Error && "syscall" in err) return err;
  const detail = err instanceof Error ? err.message : String(err);

  if (/absolute path|invalid relative path|invalid characters in fileName/i.test(detail)) {
    // yauzl refuses these names itself; we never write entries to disk, but no LinkedIn archive has them.
    return withCause(
      new ImportFileError("zip_corrupt", `This ZIP contains a file with an unsafe path, which LinkedIn archives never have. ${DOWNLOAD_AGAIN}`),
      err,
    );
  }
  if (/strong encryption/i.test(detail)) return withCause(encryptedError(), err);
  if (/multi-disk/i.test(detail)) {
    return withCause(
      new ImportFileError("zip_corrupt", `This ZIP is one part of a split (multi-part) archive, which we cannot read. ${DOWNLOAD_AGAIN}`),
      err,
    );
  }
  return withCause(
    new ImportFileError("zip_corrupt", `This ZIP file could not be read: it is damaged or incomplete. ${DOWNLOAD_AGAIN}`),
    err,
  );
}

export function encryptedError(path?: string): ImportFileError {
  const which = path === undefined ? "Files in this ZIP are" : `"${path}" in this ZIP is`;
  return new ImportFileError(
    "zip_encrypted",
    `${which} password-protected. LinkedIn's archive is not encrypted: upload it as downloaded, or re-create the ZIP without a password.`,
  );
}

export function ratioError(path: string, ratio: number): ImportFileError {
  return new ImportFileError(
    "zip_ratio_exceeded",
    `"${path}" expands to more than ${ratio} times its compressed size, which real exports never do ` +
      `(it looks like a "zip bomb"), so we stopped reading it. ${DOWNLOAD_AGAIN}`,
  );
}

export function totalError(limit: number): ImportFileError {
  return new ImportFileError(
    "zip_total_exceeded",
    `This ZIP unpacks to more than ${formatBytes(limit)}, far more than any LinkedIn export, so we stopped reading it. ${DOWNLOAD_AGAIN}`,
  );
}

export function entryTooLargeError(path: string, limit: number): ImportFileError {
  return new ImportFileError(
    "zip_total_exceeded",
    `"${path}" unpacks to more than ${formatBytes(limit)}, too large to import in one go. ` +
      `Split the file into smaller CSV files and upload them one by one.`,
  );
}

export function crcError(path: string): ImportFileError {
  return new ImportFileError("zip_corrupt", `"${path}" in this ZIP is damaged (its checksum does not match). ${DOWNLOAD_AGAIN}`);
}

export function unsupportedMethodError(path: string, method: number): ImportFileError {
  return new ImportFileError(
    "zip_corrupt",
    `"${path}" uses a ZIP compression method we cannot read (method ${method}). Re-create the ZIP with standard ` +
      `("Deflate") compression, or upload the CSV file on its own.`,
  );
}
