"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { TReviewItemSummary } from "@crm/core";
import { Toast, type TToast } from "@/features/connections/components/toast";
import { plural } from "@/features/connections/labels";
import type { TQueueQuery } from "../../queue-url";
import { BulkReviewBar, type TQueueSelection } from "./bulk-review-bar";
import { useQueueLive } from "./queue-live";
import { QueuePager } from "./queue-pager";
import { QueueRows } from "./queue-rows";

type TQueueTableProps = {
  teamSlug: string;
  query: TQueueQuery;
  items: TReviewItemSummary[];
  nextCursor: string | null;
  showAccount: boolean;
  /** The viewer owns (or may decide for) at least one account in view: offer "Decide" for "all matching". */
  mayDecideSome: boolean;
  summary: string;
  /** Shown instead of the table when the view has no items (after an action too: its Undo stays). */
  empty: ReactNode;
};

const isTyping = (el: EventTarget) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) && (el as HTMLInputElement).type !== "checkbox";

/**
 * One page of the queue (50 items, cursor pagination) with selection, keyboard navigation and
 * bulk review. After an action the counts are fetched at once and the server renders the page
 * again (items leave the view they no longer belong to).
 */
export function QueueTable({ teamSlug, query, items, nextCursor, showAccount, mayDecideSome, summary, empty }: TQueueTableProps) {
  const router = useRouter();
  const { counts, refresh } = useQueueLive();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const [toast, setToast] = useState<TToast | null>(null);
  const lastClicked = useRef<number | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const toastRef = useRef<HTMLDivElement>(null);
  const focusUndo = useRef(false);

  // The view's count is exactly "all matching" without kind or search; with them, only a page that
  // holds every match knows the number. Otherwise the service counts when it acts.
  const filtered = Boolean(query.kind || query.q);
  const matchCount = !filtered ? (counts[query.view] ?? null) : !nextCursor && !query.cursor ? items.length : null;

  // A new server render may drop items (decided elsewhere): keep only ticks that still show.
  useEffect(() => {
    setSelected((s) => {
      const present = new Set(items.map((i) => i.id));
      const next = new Set([...s].filter((id) => present.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [items]);

  const showToast = useCallback((t: Omit<TToast, "id">) => {
    // The bar the keyboard user acted from goes away with the selection: their next step is Undo.
    focusUndo.current = Boolean(t.action);
    setToast({ ...t, id: Date.now() });
  }, []);
  useEffect(() => {
    if (!toast) return;
    if (focusUndo.current) {
      focusUndo.current = false;
      toastRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
    } else if (document.activeElement === document.body) {
      // The Undo button just went away under the keyboard: back to the table's current row.
      bodyRef.current?.querySelector<HTMLElement>('[data-row-check][tabindex="0"]')?.focus();
    }
  }, [toast]);
  const clearSelection = useCallback(() => {
    setSelected(new Set());
    setAllMatching(false);
    lastClicked.current = null;
  }, []);
  const onChanged = useCallback(() => {
    void refresh();
    router.refresh();
  }, [refresh, router]);

  const toggle = useCallback(
    (id: string, index: number, shift: boolean) => {
      const base: ReadonlySet<string> | null = allMatching ? new Set(items.map((r) => r.id)) : null;
      // Shift selects the range from the last ticked row, as in mail clients. Read the anchor now:
      // the updater below may run after it has moved.
      const anchor = shift ? lastClicked.current : null;
      const from = anchor !== null ? Math.min(anchor, index) : index;
      const to = anchor !== null ? Math.max(anchor, index) : index;
      setAllMatching(false);
      setSelected((current) => {
        const prev = base ?? current;
        const next = new Set(prev);
        const on = !prev.has(id);
        for (let i = from; i <= to; i++) {
          const r = items[i];
          if (r) on ? next.add(r.id) : next.delete(r.id);
        }
        return next;
      });
      lastClicked.current = index;
    },
    [items, allMatching],
  );

  const selectPage = (on: boolean) => {
    setAllMatching(false);
    setSelected(on ? new Set(items.map((r) => r.id)) : new Set());
  };

  const focusRow = (i: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, i));
    setFocusIndex(clamped);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${clamped}"] [data-row-check]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const tr = (e.target as HTMLElement).closest<HTMLElement>("tr[data-index]");
    if (!tr) return;
    const i = Number(tr.dataset.index);
    const id = tr.dataset.id!;
    if (e.key === "j" || e.key === "ArrowDown") focusRow(i + 1);
    else if (e.key === "k" || e.key === "ArrowUp") focusRow(i - 1);
    else if (e.key === "Home") focusRow(0);
    else if (e.key === "End") focusRow(items.length - 1);
    else if (e.key === "x" || e.key === "X") toggle(id, i, e.shiftKey);
    else if (e.key === "o") router.push(`/t/${teamSlug}/queue/items/${id}`);
    else return;
    e.preventDefault();
  };

  const pageAllSelected = items.length > 0 && items.every((r) => selected.has(r.id));
  const someSelected = allMatching || selected.size > 0;
  const selection: TQueueSelection = { allMatching, ids: [...selected] };
  const canDecide = allMatching ? mayDecideSome || items.some((i) => i.canDecide) : items.some((i) => selected.has(i.id) && i.canDecide);

  // Escape clears the selection when nothing else (a menu, a dialog) wants it.
  useEffect(() => {
    if (!someSelected) return;
    const onKey = (e: globalThis.KeyboardEvent) => e.key === "Escape" && !e.defaultPrevented && clearSelection();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [someSelected, clearSelection]);

  return (
    <div className="flex flex-col gap-3">
      {/* Even when every match is on this page: "all matching" is the filter, applied to whoever matches when you act. */}
      {someSelected && (pageAllSelected || allMatching) && (
        <div role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900 ring-1 ring-blue-200">
          {allMatching ? (
            <>
              {matchCount === null ? "All items matching this view are selected." : <>All <strong>{matchCount.toLocaleString("en")}</strong> items matching this view are selected.</>}
              <button type="button" onClick={clearSelection} className="font-semibold underline focus-visible:outline-2 focus-visible:outline-blue-600">Clear selection</button>
            </>
          ) : (
            <>
              All {plural(items.length, "item")} on this page are selected.
              <button type="button" onClick={() => setAllMatching(true)} className="font-semibold underline focus-visible:outline-2 focus-visible:outline-blue-600">
                {matchCount === null ? "Select all matching this view" : `Select all ${matchCount.toLocaleString("en")} matching`}
              </button>
            </>
          )}
        </div>
      )}
      {items.length === 0 ? (
        empty
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-gray-200">
          <QueueRows
            items={items}
            hrefFor={(id) => `/t/${teamSlug}/queue/items/${id}`}
            showAccount={showAccount}
            selected={selected}
            allMatching={allMatching}
            focusIndex={Math.min(focusIndex, items.length - 1)}
            allSelected={allMatching || pageAllSelected}
            someSelected={someSelected}
            onSelectPage={selectPage}
            onToggle={toggle}
            onFocusRow={setFocusIndex}
            onKeyDown={onKeyDown}
            bodyRef={bodyRef}
          />
        </div>
      )}
      {(items.length > 0 || query.cursor) && <QueuePager teamSlug={teamSlug} query={query} shown={items.length} nextCursor={nextCursor} />}

      {someSelected && (
        <BulkReviewBar
          teamSlug={teamSlug}
          query={query}
          selection={selection}
          matchCount={matchCount}
          canDecide={canDecide}
          summary={summary}
          onToast={showToast}
          onChanged={onChanged}
          onClear={clearSelection}
        />
      )}
      <div ref={toastRef}>
        <Toast toast={toast} onDismiss={() => setToast(null)} />
      </div>
    </div>
  );
}
