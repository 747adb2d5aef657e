"use client";
import { useEffect, useState } from "react";
import type { TIcpPreview } from "@crm/core";

export type TPreviewState = {
  data: TIcpPreview | null;
  updating: boolean;
  error: { message: string; field?: string } | null;
};

const DEBOUNCE_MS = 300;

/**
 * Scores the network against the definition being edited: 300 ms after the last change, and a
 * newer change aborts the request in flight, so only the latest definition's answer is shown.
 * The last good answer stays on screen (dimmed by the panel) while the next one is on its way.
 */
export function useIcpPreview(url: string, definition: unknown): TPreviewState {
  const body = JSON.stringify({ definition });
  const [state, setState] = useState<TPreviewState>({ data: null, updating: true, error: null });

  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => (s.updating ? s : { ...s, updating: true }));
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body,
          signal: ctrl.signal,
          cache: "no-store",
        });
        const json = (await res.json().catch(() => null)) as (TIcpPreview & { error?: { message?: string; field?: string } }) | null;
        if (ctrl.signal.aborted) return;
        if (!res.ok || !json) {
          const message = json?.error?.message ?? (res.status === 401 ? "Your session has ended. Sign in again." : "The preview is not available right now.");
          setState((s) => ({ data: s.data, updating: false, error: { message, field: json?.error?.field } }));
          return;
        }
        setState({ data: json, updating: false, error: null });
      } catch {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ data: s.data, updating: false, error: { message: "We could not reach the server to update the preview. It will update with your next change." } }));
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [url, body]);

  return state;
}
