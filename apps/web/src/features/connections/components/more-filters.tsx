"use client";
import { useId } from "react";
import type { TConnectionFilter, TConnectionStatus, TFit } from "@crm/core/connections/filter/types";
import { LAST_INTERACTION, lastInteractionValue } from "../filter-url";
import type { TLabels } from "../labels";
import { CheckboxGroup, DebouncedInput } from "./filter-controls";
import { useFilterNav } from "./filter-nav";
import type { TNamed } from "./filter-panel";

const list = <T extends string>(values: string[]) => (values.length ? (values as T[]) : undefined);
const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
const inputClass = "rounded-md border border-gray-300 bg-white px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

function YesNo({ label, value, onChange }: { label: string; value: boolean | undefined; onChange: (v: boolean | undefined) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-gray-800">{label}</label>
      <select id={id} value={value === undefined ? "" : value ? "yes" : "no"} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "yes")} className={inputClass}>
        <option value="">Either</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </div>
  );
}

/** The less frequent filters, in a grid under the search row. */
export function MoreFilters({ id, icps, labels, activeIcp }: { id: string; icps: TNamed[]; labels: TLabels; activeIcp: TNamed | null }) {
  const { filter, update } = useFilterNav();
  const set = (patch: Partial<TConnectionFilter>, how: "push" | "replace" = "push") => update((f) => ({ ...f, ...patch }), how);
  const uid = useId();
  const interaction = lastInteractionValue(filter);
  const scoreHint = activeIcp ? `Scores against “${activeIcp.name}”.` : "Define an ideal customer profile to score connections.";

  return (
    <div id={id} className="grid gap-5 rounded-lg bg-white p-4 ring-1 ring-gray-200 sm:grid-cols-2 lg:grid-cols-4">
      <CheckboxGroup legend="Seniority" options={labels.seniority} values={filter.seniority ?? []} onChange={(v) => set({ seniority: list(v) })} />
      <CheckboxGroup legend="Function" options={labels.function} values={filter.function ?? []} onChange={(v) => set({ function: list(v) })} />
      <div className="flex flex-col gap-4">
        <DebouncedInput label="Company contains" value={filter.company ?? ""} maxLength={200} onCommit={(v, how) => v.trim() !== (filter.company ?? "") && set({ company: v.trim() || undefined }, how)} />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-gray-800">Connected on</legend>
          <div className="flex items-center gap-2">
            <label htmlFor={`${uid}-from`} className="w-10 text-sm text-gray-700">From</label>
            <input id={`${uid}-from`} type="date" value={filter.connectedFrom ?? ""} max={filter.connectedTo} onChange={(e) => set({ connectedFrom: e.target.value || undefined })} className={inputClass} />
          </div>
          <div className="flex items-center gap-2">
            <label htmlFor={`${uid}-to`} className="w-10 text-sm text-gray-700">To</label>
            <input id={`${uid}-to`} type="date" value={filter.connectedTo ?? ""} min={filter.connectedFrom} onChange={(e) => set({ connectedTo: e.target.value || undefined })} className={inputClass} />
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${uid}-last`} className="text-sm font-medium text-gray-800">Last interaction</label>
          <select
            id={`${uid}-last`}
            value={interaction}
            onChange={(e) => {
              const o = LAST_INTERACTION.find((x) => x.value === e.target.value);
              if (o) set({ activeMonths: o.activeMonths, inactiveMonths: o.inactiveMonths, messaged: o.messaged });
            }}
            className={inputClass}
          >
            {LAST_INTERACTION.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            {interaction === "custom" && <option value="custom">Custom (from the link)</option>}
          </select>
        </div>
      </div>
      <div className="flex flex-col gap-4">
        <YesNo label="Endorsed me" value={filter.endorsed} onChange={(v) => set({ endorsed: v })} />
        <YesNo label="Recommended me" value={filter.recommended} onChange={(v) => set({ recommended: v })} />
        <YesNo label="Changed job recently" value={filter.jobChanged} onChange={(v) => set({ jobChanged: v })} />
        <CheckboxGroup
          legend="Status"
          options={labels.statuses}
          values={filter.status}
          onChange={(v) => set({ status: v.length ? (v as TConnectionStatus[]) : ["CONNECTED"] })}
        />
      </div>
      <fieldset className="flex flex-col gap-3 sm:col-span-2 lg:col-span-4 lg:flex-row lg:flex-wrap lg:items-start lg:gap-6">
        <legend className="mb-2 text-sm font-semibold text-gray-900">Ideal customer profile score</legend>
        {icps.length === 0 ? (
          <p className="text-sm text-gray-700">{scoreHint}</p>
        ) : (
          <>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${uid}-icp`} className="text-sm font-medium text-gray-800">Profile</label>
              <select id={`${uid}-icp`} value={filter.icp ?? ""} onChange={(e) => set({ icp: e.target.value || undefined })} className={inputClass}>
                <option value="">{icps[0] ? `${icps[0].name} (default)` : "Default"}</option>
                {icps.slice(1).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
              </select>
            </div>
            <div className="flex items-end gap-2">
              <DebouncedInput
                label="Score from"
                type="number"
                min={0}
                max={100}
                inputMode="numeric"
                className="w-24"
                value={filter.scoreMin?.toString() ?? ""}
                onCommit={(v, how) => num(v) !== filter.scoreMin && set({ scoreMin: num(v) }, how)}
              />
              <DebouncedInput
                label="Score to"
                type="number"
                min={0}
                max={100}
                inputMode="numeric"
                className="w-24"
                value={filter.scoreMax?.toString() ?? ""}
                onCommit={(v, how) => num(v) !== filter.scoreMax && set({ scoreMax: num(v) }, how)}
              />
            </div>
            <CheckboxGroup legend="Fit" options={labels.fits} values={filter.fit ?? []} onChange={(v) => set({ fit: list<TFit>(v) })} />
            <CheckboxGroup legend="Flags" options={labels.flags} values={filter.flags ?? []} onChange={(v) => set({ flags: list(v) })} className="lg:max-w-md lg:flex-row lg:flex-wrap lg:gap-x-4" />
          </>
        )}
      </fieldset>
    </div>
  );
}
