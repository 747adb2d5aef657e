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

type TSelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: Array<{ value: string; label: string }>; hideLabel?: boolean };

export function SelectField({ label, options, id, hideLabel, className = "", ...select }: TSelectProps) {
  const auto = useId();
  const selectId = id ?? auto;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "text-sm font-medium text-gray-800"}>{label}</label>
      <select id={selectId} className="rounded-md border border-gray-300 bg-white px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600" {...select}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
