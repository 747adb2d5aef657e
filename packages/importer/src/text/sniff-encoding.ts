/**
 * Guess a text file's encoding from its first bytes. Shared by the whole-file and the streaming
 * decoders so both agree on what a file is.
 */
export interface TSniffed {
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  bomLength: number;
}

/** Bytes needed to tell UTF-16 without BOM from 8-bit text with reasonable confidence. */
export const SNIFF_BYTES = 1024;

export function sniffBom(bytes: Uint8Array): TSniffed | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return null;
}

/**
 * UTF-16 without a BOM (some spreadsheet "Unicode text" saves): mostly-ASCII text then has a NUL
 * in every other byte. Random binary has NULs everywhere, so one side must be nearly NUL-free.
 */
export function sniffUtf16WithoutBom(bytes: Uint8Array): TSniffed | null {
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.02) return { encoding: "utf-16le", bomLength: 0 };
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.02) return { encoding: "utf-16be", bomLength: 0 };
  return null;
}

export function sniffEncoding(bytes: Uint8Array): TSniffed | null {
  return sniffBom(bytes) ?? sniffUtf16WithoutBom(bytes);
}
