"use client";
import { useState } from "react";
import { DEFAULT_FILTER, TAG_MODES, type TConnectionFilter, type TTagMode } from "@crm/core/connections/filter/types";
import { tagDotClass, type TLabels } from "../labels";
import { DebouncedInput } from "./filter-controls";
import { useFilterNav } from "./filter-nav";
import { MoreFilters } from "./more-filters";
import { Popover } from "./popover";
import { TagChip } from "./tag-chip";
import type { TTagOption } from "./tag-picker";

export type TNamed = { id: string; name: string };

type TFilterPanelProps = { accounts: TNamed[]; tags: TTagOption[]; icps: TNamed[]; labels: TLabels; activeIcp: TNamed | null };

const TAG_MODE_LABELS: Record<TTagMode, string> = { any: "Any of these tags", all: "All of these tags", none: "None of these tags" };

const toggle = (list: readonly string[] | undefined, id: string, on: boolean) => {
  const rest = (list ?? []).filter((x) => x !== id);
  const next = on ? [...rest, id] : rest;
  return next.length ? next : undefined;
};

/** Counts the filters hidden in "More filters", so a closed panel still says something is on. */
function advancedCount(f: TConnectionFilter): number {
  return [
    f.seniority,
    f.function,
    f.company,
    f.connectedFrom || f.connectedTo,
    f.activeMonths !== undefined || f.inactiveMonths !== undefined || f.messaged !== undefined,
    f.endorsed !== undefined,
    f.recommended !== undefined,
    f.jobChanged !== undefined,
    f.status.join(",") !== DEFAULT_FILTER.status.join(","),
    f.icp,
    f.scoreMin !== undefined || f.scoreMax !== undefined,
    f.fit,
    f.flags,
  ].filter(Boolean).length;
}

export function isFiltered(f: TConnectionFilter): boolean {
  return !!(f.q || f.accounts || f.tags) || advancedCount(f) > 0;
}

/**
 * Search, account switcher and tags up front; the rest behind "More filters". Every change is a
 * URL change: typing replaces the history entry, a discrete choice pushes one.
 */
export function FilterPanel({ accounts, tags, icps, labels, activeIcp }: TFilterPanelProps) {
  const { filter, update } = useFilterNav();
  const advanced = advancedCount(filter);
  const [more, setMore] = useState(advanced > 0);
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const selectedAccounts = new Set(filter.accounts ?? []);
  const accountText =
    !filter.accounts?.length ? "All accounts" : filter.accounts.length === 1 ? (accounts.find((a) => a.id === filter.accounts![0])?.name ?? "1 account") : `${filter.accounts.length} accounts`;

  return (
    <section aria-label="Filters" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <DebouncedInput
          label="Search name, position or company"
          hideLabel
          type="search"
          placeholder="Search name, position or company"
          value={filter.q ?? ""}
          onCommit={(v, how) => v.trim() !== (filter.q ?? "") && update((f) => ({ ...f, q: v.trim() || undefined }), how)}
          className="min-w-64 flex-1"
          maxLength={200}
        />
        {accounts.length > 1 && (
          <Popover label={<>Accounts: {accountText}</>} name="LinkedIn accounts">
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 text-sm font-medium text-gray-800">Show connections of</legend>
              <button
                type="button"
                aria-pressed={!filter.accounts?.length}
                onClick={() => update((f) => ({ ...f, accounts: undefined }))}
                className="rounded px-2 py-1 text-left text-sm hover:bg-gray-100 aria-pressed:font-semibold focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                All the team’s accounts
              </button>
              {accounts.map((a) => (
                <label key={a.id} className="flex items-center gap-2 px-2 py-1 text-sm">
                  <input
                    type="checkbox"
                    checked={selectedAccounts.has(a.id)}
                    onChange={(e) => update((f) => ({ ...f, accounts: toggle(f.accounts, a.id, e.target.checked) }))}
                    className="h-4 w-4 accent-blue-700"
                  />
                  {a.name}
                </label>
              ))}
            </fieldset>
          </Popover>
        )}
        <Popover label={filter.tags?.length ? `Tags (${filter.tags.length})` : "Tags"} name="Filter by tags">
          {tags.length === 0 ? (
            <p className="text-sm text-gray-700">No tags yet. Select connections and use “Tag…” to create one.</p>
          ) : (
            <div className="flex flex-col gap-3">
              <fieldset className="flex flex-col gap-1">
                <legend className="mb-1 text-sm font-medium text-gray-800">Match</legend>
                {TAG_MODES.map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="tagMode" checked={filter.tagMode === m} onChange={() => update((f) => ({ ...f, tagMode: m }))} className="h-4 w-4 accent-blue-700" />
                    {TAG_MODE_LABELS[m]}
                  </label>
                ))}
              </fieldset>
              <fieldset className="flex max-h-72 flex-col gap-1 overflow-y-auto">
                <legend className="mb-1 text-sm font-medium text-gray-800">Tags</legend>
                {tags.map((t) => (
                  <label key={t.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={!!filter.tags?.includes(t.id)}
                      onChange={(e) => update((f) => ({ ...f, tags: toggle(f.tags, t.id, e.target.checked) }))}
                      className="h-4 w-4 accent-blue-700"
                    />
                    <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${tagDotClass(t.color)}`} />
                    <span className="flex-1">{t.name}</span>
                    <span className="text-xs tabular-nums text-gray-500">{(t.count ?? 0).toLocaleString("en")}</span>
                  </label>
                ))}
              </fieldset>
            </div>
          )}
        </Popover>
        <button
          type="button"
          aria-expanded={more}
          aria-controls="more-filters"
          onClick={() => setMore(!more)}
          className="inline-flex items-center gap-1 rounded-md bg-white px-3 py-2 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          More filters{advanced > 0 && ` (${advanced})`}
        </button>
        {isFiltered(filter) && (
          <button
            type="button"
            onClick={() => update((f) => ({ ...DEFAULT_FILTER, status: [...DEFAULT_FILTER.status], sort: f.sort, dir: f.dir }))}
            className="rounded-md px-3 py-2 text-sm font-medium text-blue-800 underline hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            Clear filters
          </button>
        )}
      </div>

      {!!filter.tags?.length && (
        <ul className="flex flex-wrap items-center gap-1.5" aria-label="Tag filter">
          <li className="text-sm text-gray-700">{TAG_MODE_LABELS[filter.tagMode]}:</li>
          {filter.tags.map((id) => {
            const t = tagById.get(id);
            return (
              <li key={id}>
                <TagChip name={t?.name ?? "Deleted tag"} color={t?.color ?? "gray"}>
                  <button
                    type="button"
                    aria-label={`Stop filtering by ${t?.name ?? "deleted tag"}`}
                    onClick={() => update((f) => ({ ...f, tags: toggle(f.tags, id, false) }))}
                    className="rounded-full px-0.5 leading-none hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-blue-600"
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </TagChip>
              </li>
            );
          })}
        </ul>
      )}

      {more && <MoreFilters id="more-filters" icps={icps} labels={labels} activeIcp={activeIcp} />}
    </section>
  );
}
