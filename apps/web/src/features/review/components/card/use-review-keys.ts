"use client";
import { useEffect, useRef } from "react";

export type TReviewKey = "keep" | "remove" | "follow_up" | "snooze" | "comment" | "undo" | "next" | "previous" | "help";

const KEYS: Record<string, TReviewKey> = {
  k: "keep",
  r: "remove",
  f: "follow_up",
  s: "snooze",
  c: "comment",
  u: "undo",
  j: "next",
  ArrowRight: "next",
  ArrowLeft: "previous",
  "?": "help",
};

/** Typing in a field, or any modifier (browser and OS shortcuts), is never a review key. */
function ignored(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return true;
  if (e.shiftKey && e.key !== "?") return true;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return true;
  // A modal (the key help, a confirmation) owns the keyboard while it is open.
  return document.querySelector("dialog[open]") !== null;
}

/** The one-card flow's single-key shortcuts, on the whole page. */
export function useReviewKeys(onKey: (key: TReviewKey) => void, enabled = true) {
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (ignored(e)) return;
      const key = KEYS[e.key.length === 1 ? (e.key === "?" ? "?" : e.key.toLowerCase()) : e.key];
      if (!key) return;
      // A key on a focused button or link would also activate it; arrows would scroll.
      e.preventDefault();
      if (e.repeat) return;
      handler.current(key);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled]);
}
