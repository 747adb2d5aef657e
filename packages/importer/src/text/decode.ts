import { assertReadableText, emptyFile } from "./readable-text";
import { sniffEncoding } from "./sniff-encoding";
import { decodeWindows1252 } from "./windows-1252";

export { decodeStream } from "./decode-stream";

export interface TDecodedText {
  text: string;
  /** "utf-8", "utf-16le", "utf-16be" or "windows-1252" (what the bytes were read as). */
  encoding: string;
}

/**
 * Bytes → text. LinkedIn writes UTF-8; spreadsheet re-saves add BOMs, UTF-16 or windows-1252
 * (Excel's "CSV" on Windows), so those are recognised too. The BOM never reaches the caller.
 */
export function decodeText(bytes: Uint8Array): TDecodedText {
  if (bytes.length === 0) throw emptyFile();
  const sniffed = sniffEncoding(bytes);
  let text: string;
  let encoding: string;
  if (sniffed) {
    encoding = sniffed.encoding;
    text = new TextDecoder(sniffed.encoding).decode(bytes.subarray(sniffed.bomLength));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      // Not valid UTF-8: the usual culprit is Excel on Windows, which writes the ANSI code page.
      text = decodeWindows1252(bytes);
      encoding = "windows-1252";
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  assertReadableText(text);
  return { text, encoding };
}
