import { readFileSync } from "node:fs";

/** Test-only helpers: the hand-written and sample files under packages/importer/test-corpus. */
export const CORPUS = new URL("../../test-corpus/", import.meta.url);

/** Tests pin "now": the future-date check and two-digit years depend on it. */
export const NOW = new Date("2026-11-23T12:00:00Z");

export function readCorpus(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, CORPUS)));
}
