import { useId, type InputHTMLAttributes, type SelectHTMLAttributes } from "react";

type TFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string; name: string };

/** A labelled input whose error and hint are announced with it (aria-describedby). */
export function Field({ label, error, hint, id, className = "", ...input }: TFieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const described = [hint ? `${inputId}-hint` : "", error ? `${inputId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={inputId} className="text-sm font-medium text-gray-800">{label}</label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`rounded-md border px-3 py-2 text-sm ${error ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
        {...input}
      />
      {hint && <p id={`${inputId}-hint`} className="text-xs text-gray-600">{hint}</p>}
      {error && <p id={`${inputId}-error`} className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

type TSelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: Array<{ value: string; label: string }>; hideLabel?: boolean; hint?: string; error?: string };

export function SelectField({ label, options, id, hideLabel, hint, error, className = "", ...select }: TSelectProps) {
  const auto = useId();
  const selectId = id ?? auto;
  const described = [hint ? `${selectId}-hint` : "", error ? `${selectId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "text-sm font-medium text-gray-800"}>{label}</label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={`rounded-md border ${error ? "border-red-600" : "border-gray-300"} bg-white px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600`}
        {...select}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <p id={`${selectId}-hint`} className="text-xs text-gray-600">{hint}</p>}
      {error && <p id={`${selectId}-error`} className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

type TCheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string; name: string };

export function CheckboxField({ label, hint, id, className = "", ...input }: TCheckboxProps) {
  const auto = useId();
  const inputId = id ?? auto;
  return (
    <div className={`flex items-start gap-2 ${className}`}>
      <input id={inputId} type="checkbox" aria-describedby={hint ? `${inputId}-hint` : undefined} className="mt-0.5 h-4 w-4 rounded border-gray-300 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600" {...input} />
      <div className="flex flex-col gap-0.5">
        <label htmlFor={inputId} className="text-sm font-medium text-gray-800">{label}</label>
        {hint && <p id={`${inputId}-hint`} className="text-xs text-gray-600">{hint}</p>}
      </div>
    </div>
  );
}
