"use client";
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { TConnectionDetail, TConnectionRow } from "@crm/core";
import type { TSortKey } from "@crm/core/connections/filter/types";
import { rowKeyTarget } from "@/lib/row-key-target";
import { useRowSelection } from "@/lib/use-row-selection";
import { SORT_DIR } from "../filter-url";
import { FALLBACK_ERROR, plural, withQuery, type TLabels } from "../labels";
import { COLUMNS, useTablePrefs } from "../table-prefs";
import { BulkBar } from "./bulk-bar";
import { ConnectionDrawer } from "./connection-drawer";
import { useFilterNav } from "./filter-nav";
import { HorizontalScroll } from "./horizontal-scroll";
import { SelectAllBanner } from "./select-all-banner";
import { TableToolbar } from "./table-toolbar";
import type { TTagOption } from "./tag-picker";
import { TableView } from "./table-view";
import { Toast, type TToast } from "./toast";
import { useDrawerUrl } from "./use-drawer-url";

type TTableProps = {
  teamSlug: string;
  rows: TConnectionRow[];
  nextCursor: string | null;
  count: number;
  summary: string;
  tags: TTagOption[];
  labels: TLabels;
  showAccount: boolean;
  initialDetail: TConnectionDetail | null;
};

type TTag = { id: string; name: string; color: string };

function patchTags(rows: TConnectionRow[], hit: (id: string) => boolean, tag: TTag, op: "add" | "remove"): TConnectionRow[] {
  return rows.map((r) => {
    if (!hit(r.id)) return r;
    const rest = r.tags.filter((t) => t.id !== tag.id);
    return { ...r, tags: op === "add" ? [...rest, tag].sort((a, b) => a.name.localeCompare(b.name)) : rest };
  });
}

const sortLabel = (key: TSortKey) => COLUMNS.find((c) => "sort" in c && c.sort === key)?.label.toLowerCase() ?? key;

/**
 * The table with everything that acts on it: selection (page or "all N matching"), keyboard
 * navigation, load more, bulk actions, the drawer. The server renders the first page; later pages
 * come from the list API and are appended here.
 */
export function ConnectionsTable({ teamSlug, rows: firstPage, nextCursor: firstCursor, count, summary, tags, labels, showAccount, initialDetail }: TTableProps) {
  const { filter, query, pending, update } = useFilterNav();
  const [prefs, setPrefs] = useTablePrefs();
  const [more, setMore] = useState<{ rows: TConnectionRow[]; cursor: string | null }>({ rows: [], cursor: firstCursor });
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [toast, setToast] = useState<TToast | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const basePath = `/t/${teamSlug}/connections`;
  const { openId, openConnection, closeDrawer } = useDrawerUrl(basePath, query, bodyRef);

  // A refresh (after a bulk change) brings a new first page; rows loaded beyond it stay.
  const rows = useMemo(() => {
    const seen = new Set(firstPage.map((r) => r.id));
    return [...firstPage, ...more.rows.filter((r) => !seen.has(r.id))];
  }, [firstPage, more.rows]);
  const cursor = more.rows.length ? more.cursor : firstCursor;
  // Escape belongs to the drawer while it is open.
  const { allMatching, selectAllMatching, toggle, clearSelection, pageAllSelected, someSelected, selection, rowProps } = useRowSelection(rows, { escapeClears: !openId });
  const columns = useMemo(() => COLUMNS.filter((c) => !(prefs.hidden as string[]).includes(c.key) && (c.key !== "account" || showAccount)), [prefs.hidden, showAccount]);
  const exportBase = `/api/t/${teamSlug}/connections/export`;

  const showToast = useCallback((t: Omit<TToast, "id">) => setToast({ ...t, id: Date.now() }), []);

  async function loadMore() {
    if (!cursor || loading) return;
    setLoading(true);
    setLoadError(null);
    try {
      const res = await fetch(`/api/t/${teamSlug}/connections?${query}${query ? "&" : ""}cursor=${encodeURIComponent(cursor)}`, { headers: { Accept: "application/json" }, cache: "no-store" });
      const body = (await res.json().catch(() => null)) as { rows?: TConnectionRow[]; nextCursor?: string | null; error?: { message?: string } } | null;
      if (!res.ok || !body?.rows) throw new Error(body?.error?.message ?? FALLBACK_ERROR);
      setMore((m) => ({ rows: [...m.rows, ...body.rows!], cursor: body.nextCursor ?? null }));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : FALLBACK_ERROR);
    } finally {
      setLoading(false);
    }
  }

  const focusRow = (i: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, i));
    setFocusIndex(target);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = rowKeyTarget(e);
    if (!target) return;
    const { index: i, id, onRow } = target;
    if (e.key === "j" || e.key === "ArrowDown") focusRow(i + 1);
    else if (e.key === "k" || e.key === "ArrowUp") focusRow(i - 1);
    else if (e.key === "Home" && onRow) focusRow(0);
    else if (e.key === "End" && onRow) focusRow(rows.length - 1);
    else if (e.key === "x" || (e.key === " " && onRow)) toggle(id, i, e.shiftKey);
    else if ((e.key === "Enter" && onRow) || e.key === "o") openConnection(id);
    else return;
    e.preventDefault();
  };

  const onSort = (key: TSortKey) => update((f) => ({ ...f, sort: key, dir: f.sort === key ? (f.dir === "asc" ? "desc" : "asc") : SORT_DIR[key] }));

  const exportHref = withQuery(exportBase, query);

  return (
    <div className="flex flex-col gap-3">
      <TableToolbar
        count={count}
        summary={summary}
        pending={pending}
        prefs={prefs}
        onPrefs={setPrefs}
        showAccount={showAccount}
        exportHref={withQuery(exportBase, query)}
      />

      {/* Even when every match is loaded: "all matching" is the filter, applied to whoever matches when you act. */}
      {someSelected && (pageAllSelected || allMatching) && (
        <SelectAllBanner
          allMatching={allMatching}
          allText={<>All <strong>{count.toLocaleString("en")}</strong> connections matching this filter are selected.</>}
          pageText={`All ${plural(rows.length, "connection")} loaded here are selected.`}
          selectAllLabel={`Select all ${count.toLocaleString("en")} matching this filter`}
          onSelectAll={selectAllMatching}
          onClear={clearSelection}
        />
      )}

      <HorizontalScroll label="Connections table" className={`rounded-lg bg-white ring-1 ring-gray-200 transition-opacity ${pending ? "opacity-60" : ""}`}>
        <div aria-busy={pending}>
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-gray-700">
            {query ? "No connections match these filters." : "No connections yet. Upload a LinkedIn export from the LinkedIn accounts page."}
          </p>
        ) : (
          <TableView
            caption={`Connections, sorted by ${sortLabel(filter.sort)} ${filter.dir === "asc" ? "ascending" : "descending"}. Keys: j and k move, x selects, Enter opens.`}
            columns={columns}
            rows={rows}
            labels={labels}
            density={prefs.density}
            sort={filter.sort}
            dir={filter.dir}
            onSort={onSort}
            {...rowProps}
            focusIndex={Math.min(focusIndex, rows.length - 1)}
            hrefFor={(id) => `${basePath}/${id}`}
            onOpen={openConnection}
            onFocusRow={setFocusIndex}
            onKeyDown={onKeyDown}
            bodyRef={bodyRef}
          />
        )}
        </div>
      </HorizontalScroll>

      <div className="flex flex-wrap items-center gap-3 text-sm text-gray-700">
        <span>Showing {rows.length.toLocaleString("en")} of {count.toLocaleString("en")}</span>
        {cursor && (
          <button
            type="button"
            onClick={() => void loadMore()}
            disabled={loading}
            className="rounded-md bg-white px-3 py-1.5 font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {loading ? "Loading…" : "Load more"}
          </button>
        )}
        {loadError && <span role="alert" className="text-red-700">{loadError}</span>}
      </div>

      {someSelected && (
        <BulkBar
          teamSlug={teamSlug}
          query={query}
          count={count}
          summary={summary}
          selection={selection}
          tags={tags}
          exportHref={exportHref}
          onToast={showToast}
          onTagsChanged={(tag, op, sel) => {
            const ids = new Set(sel.ids);
            setMore((m) => ({ ...m, rows: patchTags(m.rows, (id) => sel.allMatching || ids.has(id), tag, op) }));
          }}
          onReload={() => setMore({ rows: [], cursor: firstCursor })}
          onClear={clearSelection}
        />
      )}

      {openId && (
        <ConnectionDrawer
          key={openId}
          teamSlug={teamSlug}
          connectionId={openId}
          row={rows.find((r) => r.id === openId)}
          initial={initialDetail}
          tags={tags}
          labels={labels}
          onClose={closeDrawer}
        />
      )}

      <Toast toast={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
