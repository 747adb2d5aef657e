import type { ReactNode } from "react";

export type TStat = { label: string; value: ReactNode; hint?: string };

/**
 * Figures as a description list: screen readers announce each term with its value. (ARIA does
 * not let a definition carry a name of its own, so tests find a value through its term.)
 */
export function Stats({ items, className = "" }: { items: TStat[]; className?: string }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 ${className}`}>
      {items.map((s) => (
        <div key={s.label} className="rounded-md bg-gray-50 p-3 ring-1 ring-gray-200">
          <dt className="text-xs font-medium uppercase tracking-wide text-gray-600">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{s.value}</dd>
          {s.hint && <dd className="mt-1 text-xs text-gray-600">{s.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
