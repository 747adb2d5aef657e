"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useOptimistic, useRef, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { TConnectionFilter } from "@crm/core/connections/filter/types";
import { filterQuery } from "../filter-url";
import { withQuery } from "../labels";

type TFilterNav = {
  /** What the user asked for: shown at once, before the server has rendered it. */
  filter: TConnectionFilter;
  /** The canonical query string the server rendered. */
  query: string;
  basePath: string;
  /** True while the server renders the next filter: the table dims. */
  pending: boolean;
  /** Discrete choices push (the back button undoes them); typing replaces. */
  update: (change: (f: TConnectionFilter) => TConnectionFilter, how?: "push" | "replace") => void;
};

const Ctx = createContext<TFilterNav | null>(null);

export function useFilterNav(): TFilterNav {
  const v = useContext(Ctx);
  if (!v) throw new Error("useFilterNav outside FilterNavProvider");
  return v;
}

/**
 * Shares the current filter between the filter panel and the table, and turns every change into
 * a URL. Controls show the new filter at once (optimistically) while the server renders it, and
 * changes build on the last one asked for, so two quick clicks both count.
 */
export function FilterNavProvider({ filter, query, basePath, children }: { filter: TConnectionFilter; query: string; basePath: string; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useOptimistic(filter);
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  }, [filter]);

  const update = useCallback(
    (change: (f: TConnectionFilter) => TConnectionFilter, how: "push" | "replace" = "push") => {
      const next = change(latest.current);
      latest.current = next;
      const href = withQuery(basePath, filterQuery(next));
      startTransition(() => {
        setOptimistic(next);
        if (how === "push") router.push(href, { scroll: false });
        else router.replace(href, { scroll: false });
      });
    },
    [basePath, router, setOptimistic],
  );

  const value = useMemo(() => ({ filter: optimistic, query, basePath, pending, update }), [optimistic, query, basePath, pending, update]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
