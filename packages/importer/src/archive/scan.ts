import type { Entry, ZipFile } from "yauzl";
import { ImportFileError } from "../errors";
import { baseName, isIgnoredEntry, isNestedArchive, wantedKey, XLSX_MARKERS } from "./names";
import type { TArchiveFileKey, TArchiveLimits } from "./types";
import { encryptedError, totalError, unsupportedMethodError } from "./zip-errors";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const LISTED_NAMES = 6;

/**
 * Walks the central directory once, refusing what a LinkedIn export never contains and picking
 * the files we import. Only headers are read here; no entry is inflated.
 */
export async function scanEntries(zip: ZipFile, limits: TArchiveLimits): Promise<Map<TArchiveFileKey, Entry>> {
  const found = new Map<TArchiveFileKey, Entry>();
  const csvNames: string[] = [];
  const otherNames: string[] = [];
  const xlsxMarkers = new Set<string>();

  for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
    const path = entry.fileName;
    if (isIgnoredEntry(path)) continue;

    // Refused wherever they sit, even in files we would not read: no genuine export has them,
    // so their presence means the upload is not what it claims to be.
    if (entry.isEncrypted()) throw encryptedError(path);
    if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
      throw new ImportFileError("zip_symlink", `This ZIP contains a symbolic link ("${path}"), which LinkedIn archives never do. Upload the archive exactly as LinkedIn sent it.`);
    }
    if (isNestedArchive(path)) {
      throw new ImportFileError(
        "zip_nested_archive",
        `This ZIP contains another archive ("${path}"). If you zipped the LinkedIn download, upload LinkedIn's ZIP itself instead.`,
      );
    }
    if (entry.uncompressedSize > limits.maxTotalBytes) throw totalError(limits.maxTotalBytes);

    const lower = path.toLowerCase();
    if ((XLSX_MARKERS as readonly string[]).includes(lower)) xlsxMarkers.add(lower);
    const name = baseName(path);
    (lower.endsWith(".csv") ? csvNames : otherNames).push(name);

    const key = wantedKey(path);
    if (key === undefined) continue;
    const previous = found.get(key);
    if (previous !== undefined) {
      throw new ImportFileError(
        "zip_ambiguous_entry",
        `This ZIP contains ${name} twice ("${previous.fileName}" and "${path}"), so we cannot tell which one to import. ` +
          `Upload the archive exactly as LinkedIn sent it, or upload the ${name} you want on its own.`,
      );
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw unsupportedMethodError(path, entry.compressionMethod);
    found.set(key, entry);
  }

  if (xlsxMarkers.size === XLSX_MARKERS.length) {
    throw new ImportFileError(
      "excel_workbook",
      `This file is an Excel workbook (.xlsx), not a CSV or a LinkedIn archive. Open it in your spreadsheet app, ` +
        `use "Save as" → CSV (UTF-8), and upload the CSV.`,
    );
  }
  if (!found.has("connections")) throw noConnections(csvNames, otherNames);
  return found;
}

function noConnections(csvNames: string[], otherNames: string[]): ImportFileError {
  const list = (names: string[]) =>
    names.slice(0, LISTED_NAMES).join(", ") + (names.length > LISTED_NAMES ? ` and ${names.length - LISTED_NAMES} more` : "");
  const contents =
    csvNames.length > 0
      ? `It contains other CSV files (${list(csvNames)}) but not Connections.csv.`
      : otherNames.length > 0
        ? `It contains no CSV file at all (only ${list(otherNames)}).`
        : "It is empty.";
  return new ImportFileError(
    "zip_no_connections",
    `This ZIP has no Connections.csv. ${contents} LinkedIn's data archive has Connections.csv at its root: ` +
      `request your data again (Settings & Privacy → Data privacy → Get a copy of your data) with "Connections" selected, ` +
      `or upload Connections.csv on its own.`,
  );
}

/** One central-directory record, or null at the end; rejects with yauzl's error on a damaged ZIP. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (err: Error) => (cleanup(), reject(err));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}
