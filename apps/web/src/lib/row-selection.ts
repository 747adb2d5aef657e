/**
 * Ticking row `index` (whose id is `id`) in a list: the row flips, and with an `anchor` (the row
 * ticked before, for a shift-click) every row between them takes the clicked row's new state, as
 * in mail clients. Returns a new set; `prev` is left as it was.
 */
export function toggleRows(prev: ReadonlySet<string>, rows: readonly { id: string }[], id: string, index: number, anchor: number | null): Set<string> {
  const from = anchor !== null ? Math.min(anchor, index) : index;
  const to = anchor !== null ? Math.max(anchor, index) : index;
  const next = new Set(prev);
  const on = !prev.has(id);
  for (let i = from; i <= to; i++) {
    const r = rows[i];
    if (r) on ? next.add(r.id) : next.delete(r.id);
  }
  return next;
}
