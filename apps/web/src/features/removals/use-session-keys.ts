"use client";
import { useLetterKeys } from "@/features/guided/use-letter-keys";

export type TSessionKey = "open" | "removed" | "not_found" | "kept";

const KEYS: Record<string, TSessionKey> = { o: "open", r: "removed", n: "not_found", k: "kept" };

/** O opens the profile, R/N/K record (the rules: useLetterKeys). */
export function useSessionKeys(onKey: (key: TSessionKey) => void, enabled: boolean) {
  useLetterKeys(KEYS, onKey, enabled);
}
