"use client";
import { useLetterKeys } from "@/features/guided/use-letter-keys";

export type TWithdrawalKey = "open" | "withdrawn" | "accepted" | "kept";

const KEYS: Record<string, TWithdrawalKey> = { o: "open", w: "withdrawn", a: "accepted", k: "kept" };

/** O opens LinkedIn, W/A/K record (the rules: useLetterKeys). */
export function useWithdrawalKeys(onKey: (key: TWithdrawalKey) => void, enabled: boolean) {
  useLetterKeys(KEYS, onKey, enabled);
}
