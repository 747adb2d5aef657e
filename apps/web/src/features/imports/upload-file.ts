// XMLHttpRequest rather than fetch: fetch reports no upload progress, and a large archive can
// take minutes on a slow line. The body is the file itself (no multipart), which the server
// streams straight into storage.

export type TUploadResult = { ok: true; importId: string; pageUrl: string } | { ok: false; message: string; aborted?: boolean };

const FALLBACK: Record<number, string> = {
  401: "Your session has ended. Sign in again, then upload the file.",
  403: "You cannot upload exports into this account.",
  404: "This account no longer exists, or you no longer have access to it.",
  413: "The file is too large.",
  415: "This file is not a CSV or ZIP export.",
};

export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): { done: Promise<TUploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<TUploadResult>((resolve) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { importId?: string; pageUrl?: string; error?: { message?: string } } | null;
      if (xhr.status === 202 && body?.importId && body.pageUrl) resolve({ ok: true, importId: body.importId, pageUrl: body.pageUrl });
      else resolve({ ok: false, message: body?.error?.message ?? FALLBACK[xhr.status] ?? `The upload failed (HTTP ${xhr.status}). Please try again.` });
    };
    // A server that refuses a body midway (too large) may close the connection before answering.
    xhr.onerror = () => resolve({ ok: false, message: "The upload was interrupted. Check your connection and try again; if the file is very large, upload Connections.csv on its own." });
    xhr.onabort = () => resolve({ ok: false, message: "Upload cancelled.", aborted: true });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
