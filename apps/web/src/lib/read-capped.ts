/**
 * A request body as text, or null when it is larger than `maxBytes`: the declared length is
 * checked first, and a body without one (chunked) is counted as it arrives, so an oversized body
 * is never buffered whole. `req.text()` alone would read any size before a check could refuse it.
 */
export async function readCappedText(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let seen = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      seen += r.value.byteLength;
      if (seen > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      parts.push(r.value);
    }
  } finally {
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(parts));
}

