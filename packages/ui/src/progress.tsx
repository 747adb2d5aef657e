import { useId } from "react";

/** A labelled native <progress>: screen readers read its name and value; no value = indeterminate. */
export function ProgressBar({ label, value, max = 100, status }: { label: string; value?: number; max?: number; status?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <label htmlFor={id} className="font-medium text-gray-800">{label}</label>
        {value !== undefined && <span className="tabular-nums text-gray-700">{Math.round((value / max) * 100)}%</span>}
      </div>
      <progress id={id} value={value} max={max} className="h-2 w-full overflow-hidden rounded bg-gray-200 accent-blue-700 [&::-moz-progress-bar]:bg-blue-700 [&::-webkit-progress-bar]:bg-gray-200 [&::-webkit-progress-value]:bg-blue-700" />
      {status && <p className="text-sm text-gray-700">{status}</p>}
    </div>
  );
}
