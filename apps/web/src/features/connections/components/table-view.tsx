"use client";
import { memo, type KeyboardEvent, type MouseEvent, type Ref } from "react";
import type { TConnectionRow } from "@crm/core";
import type { TSortDir, TSortKey } from "@crm/core/connections/filter/types";
import { FIT_LABELS, fitClass, flagClass, formatDate, labelOf, type TLabels } from "../labels";
import { COLUMNS, type TColumnKey, type TDensity } from "../table-prefs";
import { TagChip } from "./tag-chip";

const dash = <span className="text-gray-400">—</span>;
const MAX_TAGS = 3;

type TColumn = (typeof COLUMNS)[number];

// The checkbox and the name stay in place while the other columns scroll sideways under them
// (horizontal-scroll.tsx); they need an opaque background, and the name a right edge.
const EDGE = "shadow-[inset_-1px_0_0_var(--color-gray-200)]";
const stickyBg = (selected: boolean) => (selected ? "bg-blue-50" : "bg-white group-hover:bg-gray-50");

/** An import saw this person's company or position change (cleared 90+ days later, decision 0005). */
function JobChangeBadge({ at }: { at: string }) {
  return (
    <span data-testid="job-change" title={`Job change seen ${formatDate(at)}`} className="mt-1 inline-flex whitespace-nowrap rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300">
      New job<span className="sr-only">, seen {formatDate(at)}</span>
    </span>
  );
}

type THeadProps = {
  columns: readonly TColumn[];
  sort: TSortKey;
  dir: TSortDir;
  onSort: (key: TSortKey) => void;
  allSelected: boolean;
  someSelected: boolean;
  onSelectPage: (on: boolean) => void;
  pad: string;
};

function Head({ columns, sort, dir, onSort, allSelected, someSelected, onSelectPage, pad }: THeadProps) {
  return (
    <thead className="sticky top-0 z-10 border-b border-gray-300 bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
      <tr>
        <th scope="col" className={`sticky left-0 z-20 w-10 min-w-10 bg-gray-50 pl-3 ${pad}`}>
          <input
            type="checkbox"
            aria-label="Select all on this page"
            checked={allSelected}
            ref={(el) => {
              if (el) el.indeterminate = someSelected && !allSelected;
            }}
            onChange={(e) => onSelectPage(e.target.checked)}
            className="h-4 w-4 accent-blue-700"
          />
        </th>
        {columns.map((c) => {
          const key = "sort" in c ? c.sort : undefined;
          const active = key === sort;
          return (
            <th key={c.key} scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : key ? "none" : undefined} className={`whitespace-nowrap pr-4 font-semibold ${c.key === "name" ? `sticky left-10 z-20 bg-gray-50 ${EDGE}` : ""} ${pad}`}>
              {key ? (
                <button type="button" onClick={() => onSort(key)} className="inline-flex items-center gap-1 rounded uppercase hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600">
                  {c.label}
                  <span aria-hidden="true" className={active ? "text-gray-900" : "text-gray-300"}>{active && dir === "asc" ? "▲" : "▼"}</span>
                </button>
              ) : (
                c.label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

type TRowProps = {
  row: TConnectionRow;
  index: number;
  columns: readonly TColumn[];
  labels: TLabels;
  selected: boolean;
  focusable: boolean;
  pad: string;
  href: string;
  onToggle: (id: string, index: number, shift: boolean) => void;
  onOpen: (id: string) => void;
  onFocusRow: (index: number) => void;
};

function cell(key: TColumnKey, r: TConnectionRow, labels: TLabels) {
  switch (key) {
    case "account":
      return r.accountLabel;
    case "position":
      return r.position ? <span className="line-clamp-2 min-w-40">{r.position}</span> : dash;
    case "company":
      return (
        <>
          {r.company ? <span className="line-clamp-2 min-w-28">{r.company}</span> : dash}
          {r.jobChangedAt && <JobChangeBadge at={r.jobChangedAt} />}
        </>
      );
    case "seniority":
      return r.seniority ? labelOf(labels.seniority, r.seniority) : dash;
    case "function":
      return r.function ? labelOf(labels.function, r.function) : dash;
    case "tags":
      return r.tags.length ? (
        <ul className="flex flex-wrap gap-1" aria-label="Tags">
          {r.tags.slice(0, MAX_TAGS).map((t) => <li key={t.id}><TagChip name={t.name} color={t.color} /></li>)}
          {r.tags.length > MAX_TAGS && <li className="text-xs text-gray-600" title={r.tags.slice(MAX_TAGS).map((t) => t.name).join(", ")}>+{r.tags.length - MAX_TAGS}</li>}
        </ul>
      ) : dash;
    case "score":
      return r.score === null ? dash : (
        <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold tabular-nums ring-1 ${fitClass(r.fit)}`}>
          {r.score}
          {r.fit && <span className="font-normal">· {FIT_LABELS[r.fit] ?? r.fit}</span>}
        </span>
      );
    case "connectedOn":
      return r.connectedOn ? <time dateTime={r.connectedOn} className="whitespace-nowrap">{formatDate(r.connectedOn)}</time> : dash;
    case "lastInteraction":
      return r.lastInteractionAt ? <time dateTime={r.lastInteractionAt} className="whitespace-nowrap">{formatDate(r.lastInteractionAt)}</time> : <span className="text-gray-500">Never</span>;
    case "flags":
      return r.flags.length ? (
        <ul className="flex flex-wrap gap-1" aria-label="Flags">
          {r.flags.map((f) => <li key={f.code}><span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${flagClass(f.code)}`}>{f.label}</span></li>)}
        </ul>
      ) : null;
    default:
      return null;
  }
}

const Row = memo(function Row({ row: r, index, columns, labels, selected, focusable, pad, href, onToggle, onOpen, onFocusRow }: TRowProps) {
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    // A plain click opens the drawer; a modified one keeps its browser meaning (new tab…).
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    onOpen(r.id);
  };
  return (
    <tr
      data-testid="connection-row"
      data-id={r.id}
      data-index={index}
      tabIndex={focusable ? 0 : -1}
      onFocus={(e) => e.target === e.currentTarget && onFocusRow(index)}
      className={`group border-b border-gray-200 align-top outline-offset-[-2px] focus-visible:outline-2 focus-visible:outline-blue-600 ${selected ? "bg-blue-50" : "hover:bg-gray-50"}`}
    >
      <td className={`sticky left-0 z-[1] w-10 min-w-10 pl-3 ${stickyBg(selected)} ${pad}`}>
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${r.name || "unnamed connection"}`}
          checked={selected}
          onClick={(e) => onToggle(r.id, index, e.shiftKey)}
          onChange={() => undefined}
          className="h-4 w-4 accent-blue-700"
        />
      </td>
      {columns.map((c) =>
        c.key === "name" ? (
          <th key="name" scope="row" className={`sticky left-10 z-[1] pr-4 text-left font-medium ${stickyBg(selected)} ${EDGE} ${pad}`}>
            <a href={href} onClick={open} tabIndex={-1} className="text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
              {r.name || "Unnamed connection"}
            </a>
          </th>
        ) : (
          <td key={c.key} className={`pr-4 text-gray-800 ${pad}`}>{cell(c.key, r, labels)}</td>
        ),
      )}
    </tr>
  );
});

type TTableViewProps = Omit<THeadProps, "pad"> & {
  rows: TConnectionRow[];
  labels: TLabels;
  density: TDensity;
  selected: ReadonlySet<string>;
  allMatching: boolean;
  focusIndex: number;
  hrefFor: (id: string) => string;
  onToggle: (id: string, index: number, shift: boolean) => void;
  onOpen: (id: string) => void;
  onFocusRow: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableSectionElement>) => void;
  bodyRef: Ref<HTMLTableSectionElement>;
  caption: string;
};

/**
 * The table itself. Rows are focusable one at a time (roving tabindex): Tab enters the table at
 * the current row, j/k or the arrow keys move, x selects, Enter or o opens. The checkbox and the
 * name link stay clickable but out of the tab order, so Tab leaves the table in one step.
 */
export function TableView(p: TTableViewProps) {
  const pad = p.density === "compact" ? "py-1" : "py-2.5";
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{p.caption}</caption>
      <Head columns={p.columns} sort={p.sort} dir={p.dir} onSort={p.onSort} allSelected={p.allSelected} someSelected={p.someSelected} onSelectPage={p.onSelectPage} pad={pad} />
      <tbody ref={p.bodyRef} onKeyDown={p.onKeyDown}>
        {p.rows.map((r, i) => (
          <Row
            key={r.id}
            row={r}
            index={i}
            columns={p.columns}
            labels={p.labels}
            selected={p.allMatching || p.selected.has(r.id)}
            focusable={i === p.focusIndex}
            pad={pad}
            href={p.hrefFor(r.id)}
            onToggle={p.onToggle}
            onOpen={p.onOpen}
            onFocusRow={p.onFocusRow}
          />
        ))}
      </tbody>
    </table>
  );
}
