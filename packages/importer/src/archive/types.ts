import type { Readable } from "node:stream";

/** The archive files we read; everything else in a LinkedIn export is about the user, not their network. */
export type TArchiveFileKey = "connections" | "messages" | "invitations" | "endorsements" | "recommendations";

export interface TArchiveLimits {
  /** Entries in the central directory; a real LinkedIn archive has a few dozen. */
  maxEntries: number;
  /** Inflated bytes per compressed byte, per entry; text rarely exceeds ~20:1, bombs reach ~1000:1. */
  maxEntryRatio: number;
  /** Below this many inflated bytes an entry is never refused for its ratio (tiny files compress oddly). */
  ratioFloorBytes: number;
  /** Inflated bytes across every stream opened on the archive (re-reading an entry counts again). */
  maxTotalBytes: number;
  /** An entry read whole into memory (readAll) may not inflate to more than this. */
  maxReadAllBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<TArchiveLimits> = Object.freeze({
  maxEntries: 10_000,
  maxEntryRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxReadAllBytes: 128 * 1024 * 1024,
});

export interface TArchiveEntry {
  /** Path inside the ZIP, for messages only: it is never used to touch the file system. */
  path: string;
  /** As declared by the ZIP headers; the inflating streams count real bytes instead of trusting these. */
  compressedSize: number;
  uncompressedSize: number;
  /** Inflated content; errors are ImportFileError (limits, corrupt data). */
  openStream(): Promise<Readable>;
  /** The whole inflated content, refused above maxReadAllBytes. */
  readAll(): Promise<Buffer>;
}

export interface TArchive {
  entries: Partial<Record<TArchiveFileKey, TArchiveEntry>>;
  /** Entries in the central directory, including the ones we ignore. */
  entryCount: number;
  /** Releases the file descriptor once open streams finish; safe to call twice. */
  close(): void;
}
