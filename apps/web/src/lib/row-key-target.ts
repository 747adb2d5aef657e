import type { KeyboardEvent } from "react";

// A checkbox is not typing: its row's keys (x, j, k) must still work while it has focus.
const isTyping = (el: EventTarget) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) && (el as HTMLInputElement).type !== "checkbox";

/**
 * The table row (`tr[data-index][data-id]`) a key press in a table body is about, or null when the
 * key is not the table's: typing in a field, or a shortcut with Alt/Ctrl/Meta. `onRow` is true when
 * the row itself has focus, not a link or checkbox inside it.
 */
export function rowKeyTarget(e: KeyboardEvent<HTMLElement>): { index: number; id: string; onRow: boolean } | null {
  if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return null;
  const tr = (e.target as HTMLElement).closest<HTMLElement>("tr[data-index]");
  if (!tr) return null;
  return { index: Number(tr.dataset.index), id: tr.dataset.id!, onRow: e.target === tr };
}
