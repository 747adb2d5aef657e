import type { ReactNode } from "react";
import { tagChipClass } from "../labels";

/** A team tag as a coloured chip; the colour only decorates, the name says it all. */
export function TagChip({ name, color, children }: { name: string; color: string; children?: ReactNode }) {
  return (
    <span className={`inline-flex max-w-48 items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${tagChipClass(color)}`}>
      <span className="truncate">{name}</span>
      {children}
    </span>
  );
}
