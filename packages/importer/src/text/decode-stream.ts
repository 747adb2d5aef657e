import { Transform, type TransformCallback } from "node:stream";
import { ImportFileError } from "../errors";
import { assertReadableText, emptyFile } from "./readable-text";
import { SNIFF_BYTES, sniffEncoding } from "./sniff-encoding";
import { decodeWindows1252 } from "./windows-1252";

/**
 * Streaming bytes → string chunks (object mode), for files too big to hold (messages.csv can be
 * hundreds of MB). Same rules as decodeText: the encoding is decided from the first bytes, the
 * BOM is dropped, and a head that is binary or a stream with no text fails with ImportFileError.
 */
export function decodeStream(): Transform {
  let head: Uint8Array[] = [];
  let headLength = 0;
  /** Decodes the next chunk; called without bytes at the end to flush a cut-off sequence. */
  let decoder: ((bytes?: Uint8Array) => string) | null = null;
  let sawText = false;

  const emit = (stream: Transform, text: string): void => {
    if (!sawText && text.trim() !== "") sawText = true;
    if (text !== "") stream.push(text);
  };

  const start = (stream: Transform): void => {
    const bytes = Buffer.concat(head);
    head = [];
    const sniffed = sniffEncoding(bytes);
    if (!sniffed && !isUtf8Prefix(bytes)) {
      decoder = (chunk) => (chunk ? decodeWindows1252(chunk) : "");
    } else {
      // The WHATWG decoder drops a BOM matching its encoding, so no manual stripping is needed.
      const textDecoder = new TextDecoder(sniffed?.encoding ?? "utf-8");
      decoder = (chunk) => (chunk ? textDecoder.decode(chunk, { stream: true }) : textDecoder.decode());
    }
    const text = decoder(bytes);
    if (text.trim() !== "") assertReadableText(text);
    emit(stream, text);
  };

  return new Transform({
    readableObjectMode: true,
    transform(this: Transform, chunk: unknown, _enc: BufferEncoding, done: TransformCallback) {
      try {
        const bytes = toBytes(chunk);
        if (decoder) {
          emit(this, decoder(bytes));
        } else {
          head.push(bytes);
          headLength += bytes.length;
          if (headLength >= SNIFF_BYTES) start(this);
        }
        done();
      } catch (error) {
        done(asFileError(error));
      }
    },
    flush(this: Transform, done: TransformCallback) {
      try {
        if (!decoder) start(this);
        emit(this, decoder!());
        if (!sawText) throw emptyFile();
        done();
      } catch (error) {
        done(asFileError(error));
      }
    },
  });
}

/** True when the bytes are valid UTF-8, allowing a sequence cut off at the end. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new ImportFileError("undecodable_text", "The file could not be read as bytes.");
}

function asFileError(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  return new ImportFileError("undecodable_text", `The file could not be decoded as text (${String(error)}).`);
}
