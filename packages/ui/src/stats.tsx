import { useId, type ReactNode } from "react";

export type TStat = { label: string; value: ReactNode; hint?: string };

/**
 * Figures as a description list. Each value is labelled by its term (aria-labelledby), so it has
 * an accessible name of its own: "New: 123" is findable and announced as one thing.
 */
export function Stats({ items, label, className = "" }: { items: TStat[]; label?: string; className?: string }) {
  const id = useId();
  return (
    <dl aria-label={label} className={`grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 ${className}`}>
      {items.map((s, i) => (
        <div key={s.label} className="rounded-md bg-gray-50 p-3 ring-1 ring-gray-200">
          <dt id={`${id}-${i}`} className="text-xs font-medium uppercase tracking-wide text-gray-600">{s.label}</dt>
          <dd aria-labelledby={`${id}-${i}`} className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{s.value}</dd>
          {s.hint && <p className="mt-1 text-xs text-gray-600">{s.hint}</p>}
        </div>
      ))}
    </dl>
  );
}
