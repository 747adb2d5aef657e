"use client";
import { useEffect, useRef } from "react";
import { ignored } from "@/features/removals/use-session-keys";

export type TWithdrawalKey = "open" | "withdrawn" | "accepted" | "kept";

const KEYS: Record<string, TWithdrawalKey> = { o: "open", w: "withdrawn", a: "accepted", k: "kept" };

/** O opens LinkedIn, W/A/K record: single keys on the page, once per press, never while typing or in the undo question. */
export function useWithdrawalKeys(onKey: (key: TWithdrawalKey) => void, enabled: boolean) {
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (ignored(e) || e.key.length !== 1) return;
      const key = KEYS[e.key.toLowerCase()];
      if (!key) return;
      e.preventDefault();
      if (e.repeat) return;
      handler.current(key);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled]);
}
