import { createWriteStream } from "node:fs";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { withTeam } from "@crm/db";
import {
  ImportFileError,
  aggregateMessages,
  assertConnectionsSize,
  openArchive,
  parseConnectionsCsv,
  parseEndorsements,
  parseInvitations,
  parseRecommendations,
  sniffUpload,
  type TColumnMapping,
  type TParsedConnections,
  type TRejectedRow,
} from "@crm/importer";

// Turns a stored upload into parsed rows: the bytes go to a private temp file (the archive is read
// from disk, never held whole), then Connections.csv is parsed and the archive's side files are
// streamed or parsed. Pure parsing lives in @crm/importer; this is the I/O around it.

export type TArchiveExtras = {
  messages?: Awaited<ReturnType<typeof aggregateMessages>>;
  invitations?: ReturnType<typeof parseInvitations>;
  endorsements?: ReturnType<typeof parseEndorsements>;
  recommendations?: ReturnType<typeof parseRecommendations>;
};

export type TReadUpload = {
  kind: "csv" | "zip";
  parsed: TParsedConnections;
  extras: TArchiveExtras;
  /** Rejected rows of the archive's other files (the connections file's are in `parsed`). */
  extraRejected: TRejectedRow[];
  /** All of them, counting those not stored (messages.csv keeps the first 1,000). */
  extraRejectedCount: number;
  /** Header names per file (as rejected rows name their file), to label the rejected-rows CSV. */
  fileHeaders: Record<string, string[]>;
};

/** Writes the upload's chunks, in order, to a temp file; returns its path and a cleanup. */
export async function materializeUpload(teamId: string, importId: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "crm-import-"));
  const file = path.join(dir, "upload.bin");
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    for (let seq = 0; ; seq++) {
      const chunk = await withTeam(teamId, (tx) =>
        tx.importChunk.findUnique({ where: { teamId_importId_seq: { teamId, importId, seq } }, select: { data: true } }),
      );
      if (!chunk) break;
      if (!out.write(chunk.data)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function readHead(file: string, bytes = 8192): Promise<Uint8Array> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Why a side file's content could not be read (empty, no header, not text, too many rows), as a
 * rejection naming the file: the connections still import, and what the file would have changed
 * (invitations, message counts...) stays as it was, exactly as if the archive lacked the file.
 * A broken ZIP (corrupt, over its limits) is not this: it still fails the import.
 */
const SIDE_FILE_CODES = new Set<TRejectedRow["code"]>(["empty_file", "no_header", "undecodable_text", "too_many_rows", "too_many_values"]);
function unreadableSideFile(file: string, err: unknown): TRejectedRow | null {
  if (!(err instanceof ImportFileError) || !SIDE_FILE_CODES.has(err.code as TRejectedRow["code"])) return null;
  return {
    file,
    line: err.code === "empty_file" ? 0 : 1,
    field: "(file)",
    // A whole-file code among the row codes: the rejected-rows list shows it like any other.
    code: err.code as TRejectedRow["code"],
    message: `${file} could not be read, so it was left out of this import: ${err.message}`,
    raw: [],
  };
}

export async function readUpload(file: string, fileName: string, mapping?: TColumnMapping): Promise<TReadUpload> {
  const kind = sniffUpload(await readHead(file)).kind === "zip" ? "zip" : "csv";
  if (kind === "csv") {
    // Refused before reading: the file's bytes and text would be held whole.
    assertConnectionsSize(fileName, (await stat(file)).size);
    const parsed = parseConnectionsCsv(await readFile(file), { fileName, mapping });
    return { kind, parsed, extras: {}, extraRejected: [], extraRejectedCount: 0, fileHeaders: { [parsed.fileName]: parsed.headers } };
  }
  const archive = await openArchive(file);
  try {
    const { connections, messages, invitations, endorsements, recommendations } = archive.entries;
    if (!connections) throw new Error("openArchive returned no connections entry"); // openArchive refuses these itself
    assertConnectionsSize(path.basename(connections.path), connections.uncompressedSize);
    const parsed = parseConnectionsCsv(await connections.readAll(), { fileName: path.basename(connections.path), mapping });
    const extras: TArchiveExtras = {};
    // An absent or unreadable file leaves its extra undefined: applyExtras then changes nothing it feeds.
    const unreadable: TRejectedRow[] = [];
    const side = async <T>(entry: { path: string } | undefined, read: () => Promise<T>): Promise<T | undefined> => {
      if (!entry) return undefined;
      try {
        return await read();
      } catch (err) {
        const rejection = unreadableSideFile(path.basename(entry.path), err);
        if (!rejection) throw err;
        unreadable.push(rejection);
        return undefined;
      }
    };
    extras.messages = await side(messages, async () => aggregateMessages(await messages!.openStream()));
    extras.invitations = await side(invitations, async () => parseInvitations(await invitations!.readAll()));
    extras.endorsements = await side(endorsements, async () => parseEndorsements(await endorsements!.readAll()));
    extras.recommendations = await side(recommendations, async () => parseRecommendations(await recommendations!.readAll()));
    const extraRejected = [...unreadable, ...[extras.messages, extras.invitations, extras.endorsements, extras.recommendations].flatMap((x) => x?.rejected ?? [])];
    const extraRejectedCount = extraRejected.length + (extras.messages ? extras.messages.rejectedCount - extras.messages.rejected.length : 0);
    const fileHeaders: Record<string, string[]> = { [parsed.fileName]: parsed.headers };
    for (const side of [extras.messages, extras.invitations, extras.endorsements, extras.recommendations]) {
      const file = side?.rejected[0]?.file;
      if (file && side.headers) fileHeaders[file] = side.headers;
    }
    return { kind, parsed, extras, extraRejected, extraRejectedCount, fileHeaders };
  } finally {
    archive.close();
  }
}
