"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways and says so: a shadow on the edge that hides columns, and a
 * "more columns" hint with a button that scrolls (issue 16 item 14: at 1400 px the last columns
 * were cut off without a hint). The table's first columns stay in place (sticky, table-view.tsx).
 */
export function HorizontalScroll({ children, className = "", label }: { children: ReactNode; className?: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setEdges((e) => (e.left === left && e.right === right ? e : { left, right }));
    };
    update();
    el.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, []);

  const scroll = (dir: 1 | -1) => ref.current?.scrollBy({ left: dir * ref.current.clientWidth * 0.7, behavior: "smooth" });
  const button = "rounded px-2 py-0.5 font-medium text-blue-800 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600";

  return (
    <div className="flex flex-col gap-1">
      {(edges.left || edges.right) && (
        <div className="flex items-center justify-end gap-2 text-xs text-gray-600" data-testid="scroll-hint">
          <span>{edges.right ? "More columns to the right." : "You are at the last column."}</span>
          {edges.left && <button type="button" className={button} onClick={() => scroll(-1)}>← Earlier columns</button>}
          {edges.right && <button type="button" className={button} onClick={() => scroll(1)}>More columns →</button>}
        </div>
      )}
      <div className="relative">
        <div ref={ref} role="region" aria-label={label} className={`overflow-x-auto ${className}`}>
          {children}
        </div>
        <div aria-hidden="true" className={`pointer-events-none absolute inset-y-0 left-0 w-4 rounded-l-lg bg-linear-to-r from-gray-900/15 to-transparent transition-opacity ${edges.left ? "opacity-100" : "opacity-0"}`} />
        <div aria-hidden="true" data-testid="scroll-shadow-right" className={`pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-lg bg-linear-to-l from-gray-900/20 to-transparent transition-opacity ${edges.right ? "opacity-100" : "opacity-0"}`} />
      </div>
    </div>
  );
}
