import { request, type Agent } from "node:http";

// Plain-HTTP helpers for e2e/topology-replicas.spec.ts: uploads as the upload picker sends them
// (the file's bytes as the body, POST /api/uploads/<slug>/<accountId>), optionally streamed slowly
// so a request is still in flight when its replica is told to stop.

export type TUploadAnswer = { status: number; connection: string | undefined; body: { importId?: string; statusUrl?: string; error?: { code: string } } };

/**
 * POSTs `bytes` to `base` in `pieces` writes `gapMs` apart, on a connection of its own (no
 * keep-alive) unless an `agent` is given. `onStarted` runs once the headers and the first piece
 * are on the wire.
 */
export function uploadSlowly(
  base: string,
  o: { cookie: string; slug: string; accountId: string; bytes: Buffer; pieces?: number; gapMs?: number; agent?: Agent; onStarted?: () => void },
): Promise<TUploadAnswer> {
  const pieces = o.pieces ?? 1;
  const size = Math.ceil(o.bytes.length / pieces);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/uploads/${o.slug}/${o.accountId}`,
      {
        method: "POST",
        agent: o.agent ?? false,
        headers: {
          cookie: o.cookie,
          origin: base,
          "content-type": "application/octet-stream",
          "content-length": String(o.bytes.length),
          "x-file-name": "Connections.csv",
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (b: Buffer) => parts.push(b));
        res.on("end", () => {
          const text = Buffer.concat(parts).toString();
          try {
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) as TUploadAnswer["body"] });
          } catch {
            reject(new Error(`upload answered ${res.statusCode} with non-JSON: ${text.slice(0, 300)}`));
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    let i = 0;
    const next = () => {
      const piece = o.bytes.subarray(i * size, (i + 1) * size);
      i++;
      if (i >= pieces) {
        req.end(piece);
        if (pieces === 1) o.onStarted?.();
        return;
      }
      req.write(piece);
      if (i === 1) o.onStarted?.();
      setTimeout(next, o.gapMs ?? 0);
    };
    next();
  });
}

/** GETs `url` as JSON with the cookie; the status and parsed body. */
export async function getJson<T>(url: string, cookie: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { cookie }, cache: "no-store" });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as T };
  } catch {
    return { status: res.status, body: text as T };
  }
}

export type TImportStatus = { status: string; new: number; unchanged: number; rows: number; error: string | null };

/** Polls the import's status URL on each of `bases` in turn until it is finished (COMPLETED or FAILED). */
export async function waitForImport(bases: string[], statusUrl: string, cookie: string, timeoutMs = 45_000): Promise<TImportStatus & { servedBy: string[] }> {
  const end = Date.now() + timeoutMs;
  const servedBy: string[] = [];
  for (let i = 0; ; i++) {
    const base = bases[i % bases.length]!;
    const r = await getJson<TImportStatus>(`${base}${statusUrl}`, cookie);
    if (r.status !== 200) throw new Error(`GET ${base}${statusUrl}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    servedBy.push(base);
    if (r.body.status === "COMPLETED" || r.body.status === "FAILED") return { ...r.body, servedBy };
    if (Date.now() > end) throw new Error(`import ${statusUrl} still ${r.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GET over `agent` (a keep-alive pool): "served <status>", or the error code when nobody answered. */
export function getVia(agent: Agent, url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(`served ${res.statusCode}`));
    });
    req.on("error", (e: Error & { code?: string }) => resolve(e.code ?? e.message));
    req.end();
  });
}
