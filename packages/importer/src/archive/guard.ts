import { Transform, type Readable, type TransformCallback } from "node:stream";
import { crc32 } from "node:zlib";
import { crcError, entryTooLargeError, ratioError, toImportError, totalError } from "./zip-errors";
import type { TArchiveLimits } from "./types";

/** Inflated bytes produced so far by every stream of one archive. */
export interface TInflateBudget {
  produced: number;
}

export interface TGuardOptions {
  path: string;
  /** From the header; it bounds how much the file really holds, so it is the ratio's denominator. */
  compressedSize: number;
  /** From the central directory; checked at the end because yauzl does not verify checksums. */
  expectedCrc32: number;
  limits: TArchiveLimits;
  budget: TInflateBudget;
  /** Set by readAll: the whole content must fit in memory. */
  maxBytes?: number;
}

/**
 * Counts the bytes that inflation really produces and stops the stream as soon as a limit is
 * crossed. Header sizes are attacker-controlled, so the count is the only trustworthy figure.
 */
export class InflateGuard extends Transform {
  private produced = 0;
  private crc = 0;
  private source: Readable | null = null;

  constructor(private readonly opts: TGuardOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.produced += chunk.length;
    this.opts.budget.produced += chunk.length;
    const { limits, compressedSize, path } = this.opts;
    if (this.produced > limits.ratioFloorBytes && this.produced > limits.maxEntryRatio * compressedSize) {
      return callback(ratioError(path, limits.maxEntryRatio));
    }
    if (this.opts.budget.produced > limits.maxTotalBytes) return callback(totalError(limits.maxTotalBytes));
    if (this.opts.maxBytes !== undefined && this.produced > this.opts.maxBytes) {
      return callback(entryTooLargeError(path, this.opts.maxBytes));
    }
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.crc === this.opts.expectedCrc32 ? null : crcError(this.opts.path));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Stop reading and inflating at once; yauzl asks for unpipe() before destroy().
    const source = this.source;
    this.source = null;
    if (source !== null) {
      source.unpipe(this);
      source.destroy();
    }
    callback(error);
  }

  /** Pipes `source` through the guard; every error surfaces on the guard as an ImportFileError. */
  static wrap(source: Readable, opts: TGuardOptions): InflateGuard {
    const guard = new InflateGuard(opts);
    guard.source = source;
    // Kept for the source's whole life: yauzl may emit late errors and an unhandled one would crash the worker.
    source.on("error", (err) => guard.destroy(toImportError(err)));
    source.pipe(guard);
    return guard;
  }
}

/** Reads a guarded stream to the end; anything but an ImportFileError is a bug or an I/O error. */
export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (err) {
    throw toImportError(err);
  }
  return Buffer.concat(chunks);
}
