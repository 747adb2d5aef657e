import type { ReactNode } from "react";

type TProps = {
  allMatching: boolean;
  /** "All 1,234 connections matching this filter are selected." */
  allText: ReactNode;
  /** "All 50 connections loaded here are selected." */
  pageText: ReactNode;
  /** "Select all 1,234 matching this filter" */
  selectAllLabel: string;
  onSelectAll: () => void;
  onClear: () => void;
};

const linkButton = "font-semibold underline focus-visible:outline-2 focus-visible:outline-blue-600";

/** Above a table whose shown rows are all ticked: widen the selection to every match, or clear it. */
export function SelectAllBanner({ allMatching, allText, pageText, selectAllLabel, onSelectAll, onClear }: TProps) {
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900 ring-1 ring-blue-200">
      {allMatching ? (
        <>
          {allText}
          <button type="button" onClick={onClear} className={linkButton}>Clear selection</button>
        </>
      ) : (
        <>
          {pageText}
          <button type="button" onClick={onSelectAll} className={linkButton}>{selectAllLabel}</button>
        </>
      )}
    </div>
  );
}
