import type { TReminderAction, TReminderListView, TReminderPage, TReminderView } from "@crm/core";
import { FALLBACK_ERROR } from "@/features/connections/labels";
import { browserZone } from "./dates";

// The reminders UI's JSON calls (app/api/t/[slug]/reminders/*, tags/[tagId]/cadence). A failure
// comes back as a value, never a throw, with the field the server named (a form shows it there).

export type TFailure = { ok: false; status: number; message: string; field: string | null };
export type TAnswer<T> = { ok: true; data: T } | TFailure;

type TErrorBody = { error?: { message?: string; field?: string } };

async function call<T>(url: string, init?: RequestInit): Promise<TAnswer<T>> {
  try {
    const res = await fetch(url, { cache: "no-store", ...init, headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) } });
    const body = (await res.json().catch(() => null)) as (T & TErrorBody) | null;
    if (res.ok && body) return { ok: true, data: body };
    return { ok: false, status: res.status, message: body?.error?.message ?? FALLBACK_ERROR, field: body?.error?.field ?? null };
  } catch {
    return { ok: false, status: 0, message: FALLBACK_ERROR, field: null };
  }
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const base = (slug: string) => `/api/t/${encodeURIComponent(slug)}/reminders`;

export function fetchReminders(slug: string, view: TReminderListView, cursor?: string | null) {
  const q = new URLSearchParams({ view });
  if (cursor) q.set("cursor", cursor);
  return call<TReminderPage>(`${base(slug)}?${q.toString()}`);
}

/** The open reminders of one person (the drawer), open ones first. */
export async function fetchConnectionReminders(slug: string, connectionId: string): Promise<TAnswer<TReminderView[]>> {
  const r = await call<{ reminders: TReminderView[] }>(`${base(slug)}/connection/${encodeURIComponent(connectionId)}`);
  return r.ok ? { ok: true, data: r.data.reminders } : r;
}

/** ids: ticked rows; filter: the connections page's canonical filter query (all matching). */
export type TReminderTarget = { ids: string[] } | { filter: string };

export function createReminders(slug: string, input: { target: TReminderTarget; date: string; note?: string }) {
  const note = input.note?.trim();
  return call<{ created: number; reminderIds: string[] }>(base(slug), json("POST", { target: input.target, date: input.date, timeZone: browserZone(), ...(note ? { note } : {}) }));
}

export async function actOnReminder(slug: string, id: string, action: TReminderAction): Promise<TAnswer<TReminderView>> {
  const r = await call<{ reminder: TReminderView }>(`${base(slug)}/${encodeURIComponent(id)}`, json("PATCH", action));
  return r.ok ? { ok: true, data: r.data.reminder } : r;
}

export function setTagCadence(slug: string, tagId: string, days: number | null) {
  return call<{ tagId: string; cadenceDays: number | null }>(`/api/t/${encodeURIComponent(slug)}/tags/${encodeURIComponent(tagId)}/cadence`, json("PUT", { days }));
}

/** The drawer link a reminder's person opens (the connections workspace's ?open= parameter). */
export const personHref = (slug: string, connectionId: string) => `/t/${slug}/connections?open=${encodeURIComponent(connectionId)}`;
