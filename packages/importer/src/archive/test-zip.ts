// Test-only helpers: build ZIPs with yazl and patch their headers to forge what yazl refuses to write.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yazl from "yazl";
import { expect } from "vitest";
import { ImportFileError, type TFileErrorCode } from "../errors";

export interface TZipFile {
  path: string;
  data: Buffer | string;
  mode?: number;
  compress?: boolean;
}

export async function buildZip(files: readonly TZipFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) {
    const data = typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data;
    zip.addBuffer(data, f.path, {
      ...(f.mode === undefined ? {} : { mode: f.mode }),
      compress: f.compress ?? true,
      compressionLevel: f.compress === false ? 0 : 9,
      mtime: new Date("2026-06-08T10:00:00Z"),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface THeaders {
  name: string;
  central: number; // offset of the central directory record
  local: number; // offset of the local file header
}

/** Central directory records of a ZIP without archive comment (what yazl writes). */
export function headers(zip: Buffer): THeaders[] {
  const eocd = zip.length - 22;
  if (zip.readUInt32LE(eocd) !== 0x06054b50) throw new Error("test helper: no plain EOCD at the end");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: THeaders[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("test helper: bad central record");
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    out.push({ name: zip.toString("utf8", at + 46, at + 46 + nameLen), central: at, local: zip.readUInt32LE(at + 42) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function entryHeaders(zip: Buffer, name: string): THeaders {
  const h = headers(zip).find((x) => x.name === name);
  if (h === undefined) throw new Error(`test helper: no entry ${name}`);
  return h;
}

/** Field offsets inside each header, from APPNOTE 4.3.7 / 4.3.12. */
export const CENTRAL = { flags: 8, method: 10, crc: 16, compressed: 20, uncompressed: 24, name: 46 } as const;
export const LOCAL = { flags: 6, method: 8, crc: 14, compressed: 18, uncompressed: 22, name: 30 } as const;

/** Rewrites an entry's name in both headers; the new name must have the same byte length. */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error("test helper: names must have equal length");
  const out = Buffer.from(zip);
  const h = entryHeaders(out, from);
  out.write(to, h.central + CENTRAL.name, "utf8");
  out.write(to, h.local + LOCAL.name, "utf8");
  return out;
}

export async function makeTempDir(): Promise<{ dir: string; write(name: string, data: Buffer): Promise<string>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "importer-archive-"));
  return {
    dir,
    async write(name, data) {
      const file = join(dir, name);
      await writeFile(file, data);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Awaits a rejection and checks it is our error with the expected code; returns it for message checks. */
export async function expectImportError(promise: Promise<unknown>, ...codes: TFileErrorCode[]): Promise<ImportFileError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected a rejection").toBeInstanceOf(ImportFileError);
  const err = caught as ImportFileError;
  expect(codes).toContain(err.code);
  return err;
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
