import path from "node:path";
import { serverEnv } from "@crm/config";
import { withTeam } from "@crm/db";
import { ImportFileError, sniffUpload } from "@crm/importer";
import { enqueue } from "@crm/jobs";
import { DomainError, forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { canImportInto, getLinkedInAccount } from "../accounts/accounts";

// Receiving an upload: the body is streamed into ImportChunk rows of 1 MiB as it arrives, so the
// web process holds one chunk at a time and refuses an oversized body as soon as it crosses the
// limit. Then the import is queued and the request returns; the worker does the rest.

const CHUNK = 1024 * 1024;

export const maxUploadBytes = () => serverEnv().IMPORT_MAX_UPLOAD_MB * 1024 * 1024;

export const tooLarge = () =>
  new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The file is larger than ${serverEnv().IMPORT_MAX_UPLOAD_MB} MB. Upload Connections.csv on its own, or request LinkedIn's archive without messages.`,
  );

export function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[\u0000-\u001f]/g, "").trim();
  return (base || "upload").slice(0, 200);
}

type TUploadInput = { accountId: string; fileName: string; body: AsyncIterable<Uint8Array>; declaredBytes?: number | null };

async function createImport(ctx: TTeamContext, input: TUploadInput, uploadedById: string | null): Promise<string> {
  if (input.declaredBytes != null && input.declaredBytes > maxUploadBytes()) throw tooLarge();
  const account = await getLinkedInAccount(ctx, input.accountId);
  if (!canImportInto(ctx, account)) throw forbidden("Only the account's owner, or a team owner or admin, can upload its exports.");
  const row = await withTeam(ctx.teamId, (tx) =>
    tx.import.create({
      data: { teamId: ctx.teamId, accountId: account.id, uploadedById, fileName: cleanFileName(input.fileName), byteSize: 0 },
      select: { id: true },
    }),
  );
  return row.id;
}

async function storeChunks(teamId: string, importId: string, body: AsyncIterable<Uint8Array>): Promise<number> {
  const limit = maxUploadBytes();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let seq = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    if (seq === 0) sniffOrRefuse(data);
    pending = [];
    pendingBytes = 0;
    const s = seq++;
    await withTeam(teamId, (tx) => tx.importChunk.create({ data: { teamId, importId, seq: s, data: new Uint8Array(data) } }));
  };
  for await (const part of body) {
    total += part.byteLength;
    if (total > limit) throw tooLarge();
    pending.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
    pendingBytes += part.byteLength;
    if (pendingBytes >= CHUNK) await flush();
  }
  await flush();
  return total;
}

/** What the content is decides, never the name: a PDF called Connections.csv is still a PDF. */
function sniffOrRefuse(head: Uint8Array) {
  try {
    sniffUpload(head.subarray(0, 8192));
  } catch (e) {
    if (e instanceof ImportFileError) throw new DomainError("UNSUPPORTED_MEDIA", e.message);
    throw e;
  }
}

/**
 * Streams an upload into storage and queues its import. Returns at once with the import id.
 * `queue: false` is for the CLI, which runs the same processor in-process instead.
 */
export async function receiveUpload(ctx: TTeamContext, input: TUploadInput, opts: { queue?: boolean } = {}): Promise<{ importId: string }> {
  const importId = await createImport(ctx, input, ctx.userId);
  try {
    const total = await storeChunks(ctx.teamId, importId, input.body);
    if (total === 0) throw invalid("file", "The file is empty. Choose the Connections.csv or the ZIP archive LinkedIn sent you.");
    await withTeam(ctx.teamId, (tx) => tx.import.update({ where: { id: importId }, data: { status: "QUEUED", byteSize: total } }));
  } catch (e) {
    await withTeam(ctx.teamId, (tx) => tx.import.deleteMany({ where: { id: importId } }));
    throw e;
  }
  if (opts.queue !== false) {
    try {
      await enqueueImport(ctx.teamId, importId);
    } catch (e) {
      // Without a job nothing would ever pick it up: say so now rather than show "queued" forever.
      console.error("import: could not enqueue", importId, e);
      const message = "The import could not be queued (our job queue is unavailable). Please upload the file again in a minute.";
      await withTeam(ctx.teamId, async (tx) => {
        await tx.import.update({ where: { id: importId }, data: { status: "FAILED", errorCode: "queue_unavailable", error: message, finishedAt: new Date() } });
        await tx.importChunk.deleteMany({ where: { teamId: ctx.teamId, importId } });
      });
      throw new DomainError("UNAVAILABLE", message, { retryAfterSeconds: 60 });
    }
  }
  return { importId };
}

export async function enqueueImport(teamId: string, importId: string, attempt = 0): Promise<void> {
  // The dedupe id makes a double enqueue one job; a re-run after mapping gets a new suffix.
  await enqueue("import.process", { teamId, importId }, { dedupeId: attempt ? `${importId}-${attempt}` : importId, attempts: 3 });
}

export async function assertImportVisible(ctx: TTeamContext, importId: string) {
  const row = await withTeam(ctx.teamId, (tx) => tx.import.findFirst({ where: { id: importId, teamId: ctx.teamId } }));
  if (!row) throw notFound("This import");
  return row;
}
