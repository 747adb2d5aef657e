"use client";
import { useId, type ReactNode } from "react";
import { WEIGHT_LABELS, WEIGHTS, type TWeight } from "@crm/scoring";

/**
 * One criterion of the profile: a fieldset whose legend names it, so every control inside is
 * announced with it ("Target titles, Weight"). A server error for the criterion shows under the
 * legend, tied to the group with aria-describedby.
 */
export function Criterion({ legend, description, error, children }: { legend: string; description?: ReactNode; error?: string; children: ReactNode }) {
  const id = useId();
  const described = [description ? `${id}-desc` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={described} aria-invalid={error ? true : undefined} className={`rounded-md border p-4 ${error ? "border-red-400" : "border-gray-200"}`}>
      <legend className="px-1 text-sm font-semibold text-gray-900">{legend}</legend>
      {description && <p id={`${id}-desc`} className="mb-3 text-xs text-gray-600">{description}</p>}
      {error && <p id={`${id}-error`} className="mb-3 text-sm text-red-700">{error}</p>}
      <div className="flex flex-col gap-3">{children}</div>
    </fieldset>
  );
}

/** "Weight" on screen; the accessible name also says which criterion, since there are many. */
export function WeightSelect({ value, onChange, of, disabled }: { value: TWeight; onChange: (w: TWeight) => void; of: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-gray-800">
        Weight<span className="sr-only"> for {of}</span>
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as TWeight)}
        className="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {WEIGHTS.map((w) => <option key={w} value={w}>{WEIGHT_LABELS[w]}</option>)}
      </select>
    </div>
  );
}

/** "Vice president (VP, SVP, …)" → the name, and its examples as a description. */
function splitLabel(text: string): [string, string | null] {
  const i = text.indexOf(" (");
  return i > 0 && text.endsWith(")") ? [text.slice(0, i), text.slice(i + 2, -1)] : [text, null];
}

export function CheckboxGroup<T extends string>({ options, labels, values, onChange, disabled }: {
  options: readonly T[]; labels: Readonly<Record<T, string>>; values: T[]; onChange: (v: T[]) => void; disabled?: boolean;
}) {
  const id = useId();
  // Keep the order of `options`, whatever order the boxes were ticked in, and keep values the
  // form does not offer (saved through the API) instead of dropping them unseen.
  const toggle = (o: T, on: boolean) =>
    onChange([...options.filter((x) => (x === o ? on : values.includes(x))), ...values.filter((v) => !options.includes(v))]);
  return (
    <div className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">
      {options.map((o) => {
        const [name, examples] = splitLabel(labels[o]);
        return (
          <div key={o} className="flex items-start gap-2">
            <input
              id={`${id}-${o}`}
              type="checkbox"
              checked={values.includes(o)}
              disabled={disabled}
              onChange={(e) => toggle(o, e.target.checked)}
              aria-describedby={examples ? `${id}-${o}-ex` : undefined}
              className="mt-0.5 h-4 w-4 shrink-0 rounded border-gray-300 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600"
            />
            <div className="flex flex-col">
              <label htmlFor={`${id}-${o}`} className="text-sm text-gray-800">{name}</label>
              {examples && <span id={`${id}-${o}-ex`} className="line-clamp-1 text-xs text-gray-500" title={examples}>{examples}</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** A whole number of months; empty means "not used". */
export function MonthsInput({ label, value, onChange, disabled, min = 0 }: { label: string; value: string; onChange: (v: string) => void; disabled?: boolean; min?: number }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-gray-800">{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={600}
        step={1}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className="w-32 rounded-md border border-gray-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
      />
    </div>
  );
}
