// The settings page's two calls. A network failure or a refusal comes back as { ok:false, message }
// (with the refused field when core names one), so the form handles one shape.

export type TCallResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

const FALLBACK = "We could not reach the server. Check your connection and try again.";

async function call<T>(url: string, init: RequestInit): Promise<TCallResult<T>> {
  try {
    const res = await fetch(url, { ...init, cache: "no-store", headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) } });
    const body = (await res.json().catch(() => null)) as (T & { error?: { message?: string; field?: string } }) | null;
    if (res.ok && body) return { ok: true, data: body };
    return { ok: false, message: body?.error?.message ?? "That did not work. Try again in a minute.", field: body?.error?.field };
  } catch {
    return { ok: false, message: FALLBACK };
  }
}

export const settingsUrl = (slug: string) => `/api/t/${encodeURIComponent(slug)}/notification-settings`;
export const sendNowUrl = (slug: string) => `/api/t/${encodeURIComponent(slug)}/digest/send-now`;

export function saveSettings<T>(slug: string, body: unknown): Promise<TCallResult<T>> {
  return call<T>(settingsUrl(slug), { method: "PATCH", body: JSON.stringify(body) });
}

export function sendDigestNowRequest(slug: string): Promise<TCallResult<{ sent: boolean; reason: string }>> {
  return call(sendNowUrl(slug), { method: "POST" });
}
