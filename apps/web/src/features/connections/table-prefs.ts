"use client";
import { useCallback, useSyncExternalStore } from "react";
import type { TSortKey } from "@crm/core/connections/filter/types";

// Which columns show and how dense the rows are: a per-browser preference, kept in localStorage.
// The server renders the defaults; the stored choice applies right after hydration.

export const COLUMNS = [
  { key: "name", label: "Name", sort: "name", fixed: true },
  { key: "account", label: "Account" },
  { key: "position", label: "Position", sort: "position" },
  { key: "company", label: "Company", sort: "company" },
  { key: "seniority", label: "Seniority", sort: "seniority" },
  { key: "function", label: "Function" },
  { key: "tags", label: "Tags" },
  { key: "score", label: "ICP score", sort: "score" },
  { key: "connectedOn", label: "Connected on", sort: "connectedOn" },
  { key: "lastInteraction", label: "Last interaction", sort: "lastInteraction" },
  { key: "flags", label: "Flags" },
] as const satisfies ReadonlyArray<{ key: string; label: string; sort?: TSortKey; fixed?: boolean }>;

export type TColumnKey = (typeof COLUMNS)[number]["key"];
export type TDensity = "comfortable" | "compact";
export type TTablePrefs = { hidden: TColumnKey[]; density: TDensity };

const STORAGE_KEY = "crm.connections.table.v1";
const DEFAULTS: TTablePrefs = { hidden: [], density: "comfortable" };
const KNOWN = new Set<string>(COLUMNS.filter((c) => !("fixed" in c)).map((c) => c.key));

let cachedRaw: string | null | undefined;
let cached: TTablePrefs = DEFAULTS;
const listeners = new Set<() => void>();

function read(): TTablePrefs {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return cached;
  }
  // useSyncExternalStore needs the same object for the same stored value.
  if (raw === cachedRaw) return cached;
  cachedRaw = raw;
  try {
    const v = JSON.parse(raw ?? "null") as Partial<TTablePrefs> | null;
    cached = {
      hidden: Array.isArray(v?.hidden) ? (v.hidden.filter((k) => KNOWN.has(k)) as TColumnKey[]) : DEFAULTS.hidden,
      density: v?.density === "compact" ? "compact" : "comfortable",
    };
  } catch {
    cached = DEFAULTS;
  }
  return cached;
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && fn();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", onStorage);
  };
}

export function useTablePrefs(): [TTablePrefs, (p: TTablePrefs) => void] {
  const prefs = useSyncExternalStore(subscribe, read, () => DEFAULTS);
  const save = useCallback((p: TTablePrefs) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
    } catch {
      // Private mode or a full quota: the choice lasts for this page only.
      cachedRaw = JSON.stringify(p);
      cached = p;
    }
    for (const l of listeners) l();
  }, []);
  return [prefs, save];
}
