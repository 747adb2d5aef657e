"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Alert, Button } from "@crm/ui";

type TConfirmProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  tone?: "primary" | "danger";
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal question before something that touches many rows. The native <dialog> makes the page
 * behind it inert and closes on Escape; focus starts on Cancel, so Enter alone never applies.
 */
export function ConfirmDialog({ title, children, confirmLabel, pending, error, tone = "primary", onConfirm, onCancel }: TConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg bg-white p-6 shadow-xl backdrop:bg-gray-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold text-gray-900">{title}</h2>
      <div className="mt-3 flex flex-col gap-2 text-sm text-gray-800">{children}</div>
      {error && <div className="mt-3"><Alert tone="error">{error}</Alert></div>}
      <div className="mt-5 flex justify-end gap-2">
        <Button autoFocus variant="secondary" onClick={onCancel} disabled={pending}>Cancel</Button>
        <Button variant={tone} onClick={onConfirm} disabled={pending}>{pending ? "Working…" : confirmLabel}</Button>
      </div>
    </dialog>
  );
}
