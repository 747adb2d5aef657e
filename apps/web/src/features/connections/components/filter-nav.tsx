"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { TConnectionFilter } from "@crm/core/connections/filter/types";
import { filterQuery } from "../filter-url";
import { withQuery } from "../labels";

type TFilterNav = {
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
 * a URL. Changes build on the last one asked for, not on the last one rendered, so two quick
 * clicks both count even when the first has not come back from the server yet.
 */
export function FilterNavProvider({ filter, query, basePath, children }: { filter: TConnectionFilter; query: string; basePath: string; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  }, [filter]);

  const update = useCallback(
    (change: (f: TConnectionFilter) => TConnectionFilter, how: "push" | "replace" = "push") => {
      const next = change(latest.current);
      latest.current = next;
      const href = withQuery(basePath, filterQuery(next));
      startTransition(() => (how === "push" ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
    },
    [basePath, router],
  );

  const value = useMemo(() => ({ filter, query, basePath, pending, update }), [filter, query, basePath, pending, update]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
