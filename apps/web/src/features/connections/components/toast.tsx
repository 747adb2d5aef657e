"use client";
import { useEffect, useRef, useState } from "react";

export type TToast = { id: number; message: string; tone?: "info" | "error"; action?: { label: string; run: () => void } };

const VISIBLE_MS = 12_000;

/**
 * One message at a time at the bottom of the screen, announced politely. It stays while the
 * pointer or focus is on it (an Undo must not vanish under the cursor), then goes after 12 s.
 */
export function Toast({ toast, onDismiss }: { toast: TToast | null; onDismiss: () => void }) {
  const [held, setHeld] = useState(false);
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (!toast || held) return;
    const t = setTimeout(() => dismiss.current(), VISIBLE_MS);
    return () => clearTimeout(t);
  }, [toast, held]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-20 z-40 flex justify-center px-4">
      {toast && (
        <div
          key={toast.id}
          onPointerEnter={() => setHeld(true)}
          onPointerLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
          className={`pointer-events-auto flex max-w-xl items-center gap-4 rounded-md px-4 py-3 text-sm shadow-lg ${toast.tone === "error" ? "bg-red-800 text-white" : "bg-gray-900 text-white"}`}
        >
          <span>{toast.message}</span>
          {toast.action && (
            <button type="button" onClick={toast.action.run} className="rounded px-2 py-1 font-semibold text-blue-200 underline hover:text-white focus-visible:outline-2 focus-visible:outline-white">
              {toast.action.label}
            </button>
          )}
          <button type="button" onClick={onDismiss} aria-label="Dismiss message" className="rounded px-1 text-gray-300 hover:text-white focus-visible:outline-2 focus-visible:outline-white">
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}
