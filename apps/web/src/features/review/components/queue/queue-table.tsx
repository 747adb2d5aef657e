"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { TReviewItemSummary } from "@crm/core";
import { SelectAllBanner } from "@/features/connections/components/select-all-banner";
import { Toast, type TToast } from "@/features/connections/components/toast";
import { plural } from "@/features/connections/labels";
import { rowKeyTarget } from "@/lib/row-key-target";
import { useRowSelection } from "@/lib/use-row-selection";
import type { TQueueQuery } from "../../queue-url";
import { BulkReviewBar } from "./bulk-review-bar";
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

/**
 * One page of the queue (50 items, cursor pagination) with selection, keyboard navigation and
 * bulk review. After an action the counts are fetched at once and the server renders the page
 * again (items leave the view they no longer belong to).
 */
export function QueueTable({ teamSlug, query, items, nextCursor, showAccount, mayDecideSome, summary, empty }: TQueueTableProps) {
  const router = useRouter();
  const { counts, refresh } = useQueueLive();
  const { selected, setSelected, allMatching, selectAllMatching, toggle, clearSelection, pageAllSelected, someSelected, selection, rowProps } = useRowSelection(items);
  const [focusIndex, setFocusIndex] = useState(0);
  const [toast, setToast] = useState<TToast | null>(null);
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
  }, [items, setSelected]);

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
  const onChanged = useCallback(() => {
    void refresh();
    router.refresh();
  }, [refresh, router]);

  const focusRow = (i: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, i));
    setFocusIndex(clamped);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${clamped}"] [data-row-check]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = rowKeyTarget(e);
    if (!target) return;
    const { index: i, id } = target;
    if (e.key === "j" || e.key === "ArrowDown") focusRow(i + 1);
    else if (e.key === "k" || e.key === "ArrowUp") focusRow(i - 1);
    else if (e.key === "Home") focusRow(0);
    else if (e.key === "End") focusRow(items.length - 1);
    else if (e.key === "x" || e.key === "X") toggle(id, i, e.shiftKey);
    else if (e.key === "o") router.push(`/t/${teamSlug}/queue/items/${id}`);
    else return;
    e.preventDefault();
  };

  const canDecide = allMatching ? mayDecideSome || items.some((i) => i.canDecide) : items.some((i) => selected.has(i.id) && i.canDecide);

  return (
    <div className="flex flex-col gap-3">
      {/* Even when every match is on this page: "all matching" is the filter, applied to whoever matches when you act. */}
      {someSelected && (pageAllSelected || allMatching) && (
        <SelectAllBanner
          allMatching={allMatching}
          allText={matchCount === null ? "All items matching this view are selected." : <>All <strong>{matchCount.toLocaleString("en")}</strong> items matching this view are selected.</>}
          pageText={`All ${plural(items.length, "item")} on this page are selected.`}
          selectAllLabel={matchCount === null ? "Select all matching this view" : `Select all ${matchCount.toLocaleString("en")} matching`}
          onSelectAll={selectAllMatching}
          onClear={clearSelection}
        />
      )}
      {items.length === 0 ? (
        empty
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-gray-200">
          <QueueRows
            items={items}
            hrefFor={(id) => `/t/${teamSlug}/queue/items/${id}`}
            showAccount={showAccount}
            {...rowProps}
            focusIndex={Math.min(focusIndex, items.length - 1)}
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
