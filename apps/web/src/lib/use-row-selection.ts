"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toggleRows } from "./row-selection";

/** What a bulk action applies to: the ticked ids, or everyone matching the table's filter. */
export type TRowSelection = { allMatching: boolean; ids: string[] };

/**
 * The selection of a table with bulk actions (connections, review queue): ticked rows with
 * shift-click ranges, "this page", and "all N matching the filter". `escapeClears` lets Escape
 * clear it, for while nothing else on the page (a drawer) wants that key.
 */
export function useRowSelection(rows: readonly { id: string }[], { escapeClears = true }: { escapeClears?: boolean } = {}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const lastClicked = useRef<number | null>(null);

  const toggle = useCallback(
    (id: string, index: number, shift: boolean) => {
      // Unticking one row of "all matching" leaves every row shown but that one.
      const base: ReadonlySet<string> | null = allMatching ? new Set(rows.map((r) => r.id)) : null;
      // Read the anchor now: the updater below may run after it has moved to this row.
      const anchor = shift ? lastClicked.current : null;
      setAllMatching(false);
      setSelected((current) => toggleRows(base ?? current, rows, id, index, anchor));
      lastClicked.current = index;
    },
    [rows, allMatching],
  );

  const selectPage = (on: boolean) => {
    setAllMatching(false);
    setSelected(on ? new Set(rows.map((r) => r.id)) : new Set());
  };

  const clearSelection = useCallback(() => {
    setSelected(new Set());
    setAllMatching(false);
    lastClicked.current = null;
  }, []);

  const pageAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = allMatching || selected.size > 0;
  const selection: TRowSelection = { allMatching, ids: [...selected] };

  // Escape clears the selection when nothing else (a menu, a dialog) has taken the key.
  useEffect(() => {
    if (!someSelected || !escapeClears) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && !e.defaultPrevented && clearSelection();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [someSelected, escapeClears, clearSelection]);

  return {
    selected,
    /** For a table whose rows can vanish (a new server render): drop ticks that no longer show. */
    setSelected,
    allMatching,
    selectAllMatching: () => setAllMatching(true),
    toggle,
    selectPage,
    clearSelection,
    pageAllSelected,
    someSelected,
    selection,
    /** The selection props of the table's rows (TableView, QueueRows), to spread onto them. */
    rowProps: { selected, allMatching, allSelected: allMatching || pageAllSelected, someSelected, onSelectPage: selectPage, onToggle: toggle },
  };
}
