import type { TArchiveFileKey } from "./types";

/**
 * Lower-cased basenames of the files we read. LinkedIn changed their case over the years and
 * users re-zip the extracted folder, so we match on the basename alone, whatever the folders.
 */
// A Map, not an object literal: an entry named "constructor" must not find Object.prototype.
export const WANTED_FILES: ReadonlyMap<string, TArchiveFileKey> = new Map([
  ["connections.csv", "connections"],
  ["messages.csv", "messages"],
  ["invitations.csv", "invitations"],
  ["endorsement_received_info.csv", "endorsements"],
  ["recommendations_received.csv", "recommendations"],
]);

const NESTED_ARCHIVE = /\.(zip|gz|tgz|7z|rar|tar|jar)$/i;

/** yauzl has already turned backslashes into slashes (strictFileNames: false). */
export function baseName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}

/** macOS "Compress" adds resource forks (`__MACOSX/`, `._name`) that look like our files but are not. */
export function isIgnoredEntry(path: string): boolean {
  if (path.endsWith("/")) return true; // directory entry
  if (path.split("/").includes("__MACOSX")) return true;
  return baseName(path).startsWith("._");
}

export function wantedKey(path: string): TArchiveFileKey | undefined {
  return WANTED_FILES.get(baseName(path).toLowerCase());
}

export function isNestedArchive(path: string): boolean {
  return NESTED_ARCHIVE.test(path);
}

/** Lower-cased full paths that together identify an Office Open XML spreadsheet. */
export const XLSX_MARKERS = ["[content_types].xml", "xl/workbook.xml"] as const;
