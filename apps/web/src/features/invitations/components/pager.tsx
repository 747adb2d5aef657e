import Link from "next/link";

export function Pager({ page, pages, total, shown, pageHref, label }: { page: number; pages: number; total: number; shown: number; pageHref: (n: number) => string; label: string }) {
  const from = total === 0 ? 0 : (page - 1) * 50 + 1;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-gray-700" data-testid="invitations-count">
        {total === 0 ? "Nothing to show." : `Showing ${from.toLocaleString("en")}–${(from + shown - 1).toLocaleString("en")} of ${total.toLocaleString("en")}.`}
      </p>
      {pages > 1 && (
        <nav aria-label={`${label} pages`} className="flex items-center gap-3">
          {page > 1 ? <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={pageHref(page - 1)}>Previous page</Link> : null}
          <span>Page {page} of {pages}</span>
          {page < pages ? <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={pageHref(page + 1)}>Next page</Link> : null}
        </nav>
      )}
    </div>
  );
}
