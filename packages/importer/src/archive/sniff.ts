import { ImportFileError } from "../errors";

export type TSniffResult = { kind: "zip" } | { kind: "text" };

interface TSignature {
  what: string; // completes "This file is ..."
  matches(head: Uint8Array): boolean;
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

// Only signatures long or odd enough that no CSV can start with them. "MZ" is handled apart
// because a text file may well begin with those two letters.
const BINARY_SIGNATURES: readonly TSignature[] = [
  { what: "a PDF document", matches: (h) => startsWith(h, ascii("%PDF-")) },
  { what: "a PNG image", matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { what: "a JPEG image", matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { what: "a GIF image", matches: (h) => startsWith(h, ascii("GIF87a")) || startsWith(h, ascii("GIF89a")) },
  { what: "a WebP image", matches: (h) => startsWith(h, ascii("RIFF")) && startsWith(h, ascii("WEBP"), 8) },
  { what: "a gzip archive", matches: (h) => startsWith(h, [0x1f, 0x8b, 0x08]) },
  { what: "a 7-Zip archive", matches: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { what: "a RAR archive", matches: (h) => startsWith(h, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
  {
    what: "a bzip2 archive",
    // "BZh" alone could start a sentence; the block magic (BCD of pi) after the level digit cannot.
    matches: (h) => startsWith(h, ascii("BZh")) && startsWith(h, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4),
  },
  { what: "a program (ELF executable)", matches: (h) => startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) },
];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UPLOAD_HINT = "Upload LinkedIn's Connections.csv, another tool's CSV export, or the LinkedIn data archive ZIP.";

/**
 * Decides how to read an upload from its first bytes (a few KiB is plenty), never from its name:
 * users rename files, and browsers report whatever the extension suggests. Throws ImportFileError
 * for anything that is neither a ZIP nor plausibly text, so the user learns at once what they sent.
 */
export function sniffUpload(head: Uint8Array): TSniffResult {
  if (head.length === 0) throw new ImportFileError("empty_file", "This file is empty. " + UPLOAD_HINT);

  // Local file header, or the end record alone: an archive with no entries is still a ZIP
  // and gets the precise "no Connections.csv" answer from the archive reader.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: "zip" };

  if (startsWith(head, OLE_MAGIC)) {
    throw new ImportFileError(
      "excel_workbook",
      "This file is an old-style Excel workbook (.xls), not a CSV. Open it in your spreadsheet app, " +
        "use \"Save as\" → CSV (UTF-8), and upload the CSV.",
    );
  }
  for (const sig of BINARY_SIGNATURES) {
    if (sig.matches(head)) throw notCsv(sig.what);
  }
  if (looksLikeText(head)) return { kind: "text" };
  if (startsWith(head, ascii("MZ"))) throw notCsv("a program (Windows executable)");
  throw notCsv("binary data");
}

function notCsv(what: string): ImportFileError {
  return new ImportFileError("not_csv_or_zip", `This file is ${what}, not a CSV or ZIP export. ${UPLOAD_HINT}`);
}

// A CSV has no NULs at all and at most a stray control character; binary formats are full of
// both. Random bytes are ~12% control bytes, so 3% separates the two with room on each side.
const MAX_NUL_SHARE = 0.01;
const MAX_CONTROL_SHARE = 0.03;

function looksLikeText(head: Uint8Array): boolean {
  const utf16 = utf16Endianness(head);
  if (utf16 !== null) return controlShare(codeUnits(head, utf16)) <= MAX_CONTROL_SHARE;

  const body = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
  let nuls = 0;
  for (const b of body) if (b === 0) nuls++;
  if (body.length > 0 && nuls / body.length > MAX_NUL_SHARE) return false;
  return controlShare(body) <= MAX_CONTROL_SHARE;
}

/** UTF-16 is text full of NULs: recognise it by its BOM, or by NULs on one byte parity only. */
function utf16Endianness(head: Uint8Array): "le" | "be" | null {
  if (startsWith(head, [0xff, 0xfe])) return "le";
  if (startsWith(head, [0xfe, 0xff])) return "be";
  if (head.length < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(head.length / 2);
  // Latin-script UTF-16 has a NUL high byte in nearly every unit, and the low byte almost never is.
  if (oddNul / pairs >= 0.5 && evenNul / pairs <= 0.02) return "le";
  if (evenNul / pairs >= 0.5 && oddNul / pairs <= 0.02) return "be";
  return null;
}

function codeUnits(head: Uint8Array, endian: "le" | "be"): number[] {
  const units: number[] = [];
  const start = head[0] === 0xff || head[0] === 0xfe ? 2 : 0;
  for (let i = start; i + 1 < head.length; i += 2) {
    const a = head[i] ?? 0;
    const b = head[i + 1] ?? 0;
    units.push(endian === "le" ? a | (b << 8) : (a << 8) | b);
  }
  return units;
}

/** Share of C0 controls and DEL, ignoring the whitespace a CSV legitimately has (and ^Z, an old DOS end mark). */
function controlShare(units: Iterable<number>): number {
  let total = 0;
  let control = 0;
  for (const u of units) {
    total++;
    if ((u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0d && u !== 0x0c && u !== 0x1a) || u === 0x7f) control++;
  }
  return total === 0 ? 0 : control / total;
}
