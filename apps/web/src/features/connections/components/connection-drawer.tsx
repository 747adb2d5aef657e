"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { TConnectionDetail, TConnectionRow } from "@crm/core";
import { Alert } from "@crm/ui";
import { FALLBACK_ERROR, type TLabels } from "../labels";
import { ConnectionDetail } from "./connection-detail";
import type { TTagOption } from "./tag-picker";

type TDrawerProps = {
  teamSlug: string;
  connectionId: string;
  /** The table's row, shown at once while the full detail loads. */
  row: TConnectionRow | undefined;
  initial: TConnectionDetail | null;
  tags: TTagOption[];
  labels: TLabels;
  onClose: () => void;
};

/**
 * The connection as a side panel over the table. A modal <dialog>: the table behind is inert,
 * focus stays inside, Escape closes. Its URL (?open=<id>) is shareable and the back button
 * closes it. The detail comes from the API; what the row already knows shows first.
 */
export function ConnectionDrawer({ teamSlug, connectionId, row, initial, tags, labels, onClose }: TDrawerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [detail, setDetail] = useState<{ data: TConnectionDetail; at: number } | null>(initial?.id === connectionId ? { data: initial, at: Date.now() } : null);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/t/${teamSlug}/connections/${encodeURIComponent(connectionId)}`;

  const load = useCallback(async () => {
    try {
      const res = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
      const body = (await res.json().catch(() => null)) as (TConnectionDetail & { error?: { message?: string } }) | null;
      if (!res.ok || !body) throw new Error(body?.error?.message ?? FALLBACK_ERROR);
      setDetail({ data: body, at: Date.now() });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : FALLBACK_ERROR);
    }
  }, [url]);

  // Only when the connection changes; reloads after edits go through onChanged.
  const loaded = detail?.data.id === connectionId;
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const shown = detail?.data.id === connectionId ? detail : null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog box itself, outside the panel) closes.
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-0 ml-auto h-dvh max-h-none w-full max-w-2xl bg-transparent p-0 backdrop:bg-gray-900/30"
    >
      <div className="flex h-full flex-col overflow-y-auto bg-white p-6 shadow-xl">
        <div className="mb-4 flex items-center justify-between gap-2">
          <a href={`/t/${teamSlug}/connections/${connectionId}`} className="text-sm text-blue-800 underline">Open as a page</a>
          <button
            type="button"
            autoFocus
            onClick={onClose}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-gray-700 ring-1 ring-gray-300 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            Close<span className="sr-only"> connection details</span>
          </button>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        {shown ? (
          <ConnectionDetail teamSlug={teamSlug} detail={shown.data} tags={tags} labels={labels} now={shown.at} headingLevel={2} headingId={headingId} onChanged={load} />
        ) : (
          <div className="flex flex-col gap-2" aria-busy="true">
            <h2 id={headingId} className="text-2xl font-semibold text-gray-900">{row?.name || "Connection"}</h2>
            {row && <p className="text-sm text-gray-700">{[row.position, row.company].filter(Boolean).join(" at ")}</p>}
            {!error && <p className="text-sm text-gray-600">Loading details…</p>}
          </div>
        )}
      </div>
    </dialog>
  );
}
