"use client";
import { COLUMNS, type TColumnKey, type TDensity, type TTablePrefs } from "../table-prefs";
import { Popover } from "./popover";

type TToolbarProps = {
  count: number;
  summary: string;
  pending: boolean;
  prefs: TTablePrefs;
  onPrefs: (p: TTablePrefs) => void;
  showAccount: boolean;
  exportHref: string;
};

const segment = (on: boolean) =>
  `px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${on ? "bg-gray-900 text-white" : "bg-white text-gray-800 hover:bg-gray-50"}`;

/** The count of what matches (announced as it changes), the filter in words, and view options. */
export function TableToolbar({ count, summary, pending, prefs, onPrefs, showAccount, exportHref }: TToolbarProps) {
  const hidden = new Set<string>(prefs.hidden);
  const setHidden = (key: TColumnKey, hide: boolean) => onPrefs({ ...prefs, hidden: hide ? [...prefs.hidden, key] : prefs.hidden.filter((k) => k !== key) });
  const setDensity = (density: TDensity) => onPrefs({ ...prefs, density });
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-col">
        <p className="text-lg font-semibold text-gray-900" role="status" aria-live="polite" data-testid="match-count">
          {pending ? "Updating…" : `${count.toLocaleString("en")} ${count === 1 ? "connection matches" : "connections match"}`}
        </p>
        <p className="text-sm text-gray-600">{summary}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Popover label="Columns" name="Show or hide columns" align="right">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-gray-800">Show columns</legend>
            {COLUMNS.filter((c) => !("fixed" in c) && (c.key !== "account" || showAccount)).map((c) => (
              <label key={c.key} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={!hidden.has(c.key)} onChange={(e) => setHidden(c.key, !e.target.checked)} className="h-4 w-4 accent-blue-700" />
                {c.label}
              </label>
            ))}
          </fieldset>
        </Popover>
        <div role="group" aria-label="Row density" className="inline-flex overflow-hidden rounded-md ring-1 ring-gray-300">
          <button type="button" aria-pressed={prefs.density === "comfortable"} onClick={() => setDensity("comfortable")} className={segment(prefs.density === "comfortable")}>Comfortable</button>
          <button type="button" aria-pressed={prefs.density === "compact"} onClick={() => setDensity("compact")} className={segment(prefs.density === "compact")}>Compact</button>
        </div>
        <a
          href={exportHref}
          download
          className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          Export CSV<span className="sr-only"> of all {count.toLocaleString("en")} matching connections</span>
        </a>
      </div>
    </div>
  );
}
