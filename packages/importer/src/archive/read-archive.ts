import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { collect, InflateGuard, type TInflateBudget } from "./guard";
import { scanEntries } from "./scan";
import { DEFAULT_ARCHIVE_LIMITS, type TArchive, type TArchiveEntry, type TArchiveLimits } from "./types";
import { entryTooLargeError, toImportError } from "./zip-errors";
import { ImportFileError } from "../errors";

/**
 * Opens an uploaded LinkedIn data archive (already written to a temp file by the worker) and
 * finds the CSV files we import. Nothing is ever extracted to disk: entries are only inflated
 * into memory or a stream, so hostile paths cannot reach the file system. Every problem with
 * the upload rejects with an ImportFileError; the caller must close() the returned archive.
 */
export async function openArchive(filePath: string, limits?: Partial<TArchiveLimits>): Promise<TArchive> {
  const lim = resolveLimits(limits);
  const zip = await openZip(filePath);
  // yauzl can emit an error after we stopped listening (e.g. closing the fd); without a
  // listener EventEmitter would throw it and take the worker down.
  zip.on("error", () => undefined);
  try {
    if (zip.entryCount > lim.maxEntries) {
      throw new ImportFileError(
        "zip_too_many_entries",
        `This ZIP holds ${zip.entryCount} files, more than the ${lim.maxEntries} we accept; a LinkedIn archive has a few dozen. ` +
          `Upload the archive exactly as LinkedIn sent it, or upload Connections.csv on its own.`,
      );
    }
    const found = await scanEntries(zip, lim);
    const budget: TInflateBudget = { produced: 0 };
    let closed = false;
    const entries: TArchive["entries"] = {};
    for (const [key, entry] of found) entries[key] = archiveEntry(zip, entry, lim, budget, () => closed);
    return {
      entries,
      entryCount: zip.entryCount,
      close() {
        closed = true;
        zip.close();
      },
    };
  } catch (err) {
    zip.close();
    throw toImportError(err);
  }
}

function resolveLimits(overrides: Partial<TArchiveLimits> | undefined): TArchiveLimits {
  const lim: TArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS };
  for (const [name, value] of Object.entries(overrides ?? {}) as [keyof TArchiveLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(name in lim) || !Number.isFinite(value) || value < 0) throw new RangeError(`invalid archive limit ${name}: ${value}`);
    lim[name] = value;
  }
  return lim;
}

function openZip(filePath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      filePath,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (err, zip) => (err ? reject(toImportError(err)) : resolve(zip)),
    );
  });
}

function archiveEntry(
  zip: ZipFile,
  entry: Entry,
  limits: TArchiveLimits,
  budget: TInflateBudget,
  isClosed: () => boolean,
): TArchiveEntry {
  const open = async (maxBytes?: number): Promise<Readable> => {
    // A programming error, not a problem with the upload: keep it a plain Error.
    if (isClosed()) throw new Error(`archive is closed; cannot read ${entry.fileName}`);
    const source = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (err, stream) => (err ? reject(toImportError(err)) : resolve(stream)));
    });
    return InflateGuard.wrap(source, {
      path: entry.fileName,
      compressedSize: entry.compressedSize,
      expectedCrc32: entry.crc32,
      limits,
      budget,
      ...(maxBytes === undefined ? {} : { maxBytes }),
    });
  };
  return {
    path: entry.fileName,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    openStream: () => open(),
    async readAll() {
      if (entry.uncompressedSize > limits.maxReadAllBytes) throw entryTooLargeError(entry.fileName, limits.maxReadAllBytes);
      return collect(await open(limits.maxReadAllBytes));
    },
  };
}
