"use client";
import { useEffect, useRef } from "react";

export type TUndoToast = { id: number; message: string; tone: "info" | "error"; undo: boolean };

const VISIBLE_MS = 10_000;

/**
 * The visible confirmation after an action, with Undo (U does the same). Not a live region itself:
 * the flow's own live region announces the action together with the next card.
 */
export function UndoToast({ toast, onUndo, onDismiss }: { toast: TUndoToast | null; onUndo: () => void; onDismiss: () => void }) {
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  const held = useRef(false);
  useEffect(() => {
    if (!toast) return;
    const t = setInterval(() => {
      if (!held.current) dismiss.current();
    }, VISIBLE_MS);
    return () => clearInterval(t);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-8 z-40 flex justify-center px-4">
      <div
        key={toast.id}
        data-testid="review-toast"
        onPointerEnter={() => (held.current = true)}
        onPointerLeave={() => (held.current = false)}
        onFocus={() => (held.current = true)}
        onBlur={() => (held.current = false)}
        className={`pointer-events-auto flex max-w-xl items-center gap-4 rounded-md px-4 py-3 text-sm shadow-lg ${toast.tone === "error" ? "bg-red-800 text-white" : "bg-gray-900 text-white"}`}
      >
        <span>{toast.message}</span>
        {toast.undo && (
          <button type="button" onClick={onUndo} aria-keyshortcuts="U" className="rounded px-2 py-1 font-semibold text-blue-200 underline hover:text-white focus-visible:outline-2 focus-visible:outline-white">
            Undo (U)
          </button>
        )}
        <button type="button" onClick={onDismiss} aria-label="Dismiss message" className="rounded px-1 text-gray-300 hover:text-white focus-visible:outline-2 focus-visible:outline-white">
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
