import type { TOutcomeCode, TOutcomeResult, TRemovalBudget, TRemovalSession, TUndoResult } from "@crm/core";
import { FALLBACK_ERROR } from "@/features/connections/labels";

// The session page's JSON calls (app/api/t/[slug]/removals/*). A failure comes back as a value,
// never a throw: the flow has one shape to handle. A 429 carries the limit and when the next
// removal is allowed; the server is the authority, the page only counts down to it.

export type TFailure = {
  ok: false;
  status: number;
  message: string;
  code: string | null;
  /** Set on a 429: when the server will allow the next "Removed". */
  nextAllowedAt: string | null;
  budget: TRemovalBudget | null;
};
export type TAnswer<T> = ({ ok: true } & T) | TFailure;

type TErrorBody = { error?: { code?: string; message?: string; nextAllowedAt?: string }; budget?: TRemovalBudget };

async function call<T>(url: string, init?: RequestInit): Promise<TAnswer<T>> {
  try {
    const res = await fetch(url, { cache: "no-store", ...init });
    const body = (await res.json().catch(() => null)) as (T & TErrorBody) | null;
    if (res.ok && body) return { ok: true, ...body };
    return {
      ok: false,
      status: res.status,
      message: body?.error?.message ?? FALLBACK_ERROR,
      code: body?.error?.code ?? null,
      nextAllowedAt: body?.error?.nextAllowedAt ?? null,
      budget: body?.budget ?? null,
    };
  } catch {
    return { ok: false, status: 0, message: FALLBACK_ERROR, code: null, nextAllowedAt: null, budget: null };
  }
}

const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** serverNow: the server's clock when it answered, so the page counts down on the server's time. */
export function fetchSession(slug: string, accountId: string) {
  return call<{ session: TRemovalSession; serverNow?: string }>(`/api/t/${slug}/removals/${encodeURIComponent(accountId)}/session`);
}

export function postOutcome(slug: string, itemId: string, outcome: TOutcomeCode) {
  return call<TOutcomeResult>(`/api/t/${slug}/removals/items/${encodeURIComponent(itemId)}/outcome`, post({ outcome }));
}

export function postUndo(slug: string, outcomeId: string, linkedInTouched?: boolean) {
  return call<TUndoResult>(`/api/t/${slug}/removals/outcomes/${encodeURIComponent(outcomeId)}/undo`, post(linkedInTouched === undefined ? {} : { linkedInTouched }));
}
