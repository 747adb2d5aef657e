import { createWriteStream } from "node:fs";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { withTeam } from "@crm/db";
import {
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
    if (messages) extras.messages = await aggregateMessages(await messages.openStream());
    if (invitations) extras.invitations = parseInvitations(await invitations.readAll());
    if (endorsements) extras.endorsements = parseEndorsements(await endorsements.readAll());
    if (recommendations) extras.recommendations = parseRecommendations(await recommendations.readAll());
    const extraRejected = [extras.messages, extras.invitations, extras.endorsements, extras.recommendations].flatMap((x) => x?.rejected ?? []);
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
