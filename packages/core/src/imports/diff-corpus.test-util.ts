import { readFileSync } from "node:fs";

/** The import-diff files of the importer's test corpus (packages/importer/test-corpus/diff). */
export const readDiffCorpus = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../importer/test-corpus/diff/${name}`, import.meta.url)));
