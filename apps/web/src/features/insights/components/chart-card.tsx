import type { ReactNode } from "react";

/**
 * One chart with its text alternatives: a heading, a one-sentence summary that says what the
 * chart shows, and the same figures as a table behind "Show as table" (a native disclosure:
 * focusable, toggled with Enter or Space, announced as expanded or collapsed).
 */
export function ChartCard({ id, title, summary, chart, table, footer }: { id: string; title: string; summary: string; chart: ReactNode; table: ReactNode; footer?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-gray-900">{title}</h2>
      <p className="text-sm text-gray-700" data-testid={`${id}-summary`}>{summary}</p>
      {chart}
      <details className="text-sm">
        <summary className="w-fit cursor-pointer rounded text-blue-800 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          Show as table<span className="sr-only">: {title}</span>
        </summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
      {footer}
    </section>
  );
}
