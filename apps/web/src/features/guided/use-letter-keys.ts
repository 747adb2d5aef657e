"use client";
import { useEffect, useRef } from "react";

/**
 * Typing in a field, a modifier (browser and OS shortcuts), an open dialog or the undo question
 * (the session also turns the keys off while it is open): never a session key.
 */
export function ignored(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return true;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return true;
  if (t?.closest?.("[data-undo-question]")) return true;
  return document.querySelector("dialog[open]") !== null;
}

/**
 * A guided session's single letter keys (`keys`: lower-case letter → action) on the whole page,
 * once per press (no repeat). Each lane names its own letters; the rules are the same.
 */
export function useLetterKeys<K extends string>(keys: Readonly<Record<string, K>>, onKey: (key: K) => void, enabled: boolean) {
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (ignored(e) || e.key.length !== 1) return;
      const key = keys[e.key.toLowerCase()];
      if (!key) return;
      // The same key on a focused button would also activate it.
      e.preventDefault();
      if (e.repeat) return;
      handler.current(key);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled, keys]);
}
