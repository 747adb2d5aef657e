import { TARGET_FIELDS, type TColumnMapping, type TTargetField } from "../types";
import { normalizeHeader, type TFormatDef } from "./formats";
import type { THeaderRow } from "./headers";

/** Which columns feed which field, for one file. */
export interface TColumnPlan {
  /** Candidate column indexes per field, best first; the first non-empty one is used. */
  candidates: Map<TTargetField, number[]>;
  lenientProfileUrl: boolean;
  multiValueSeparator: string | undefined;
  /** The plan as a user-facing mapping (field → header as spelled), first candidate each. */
  mapping: TColumnMapping;
}

export function planFromFormat(def: TFormatDef, header: THeaderRow): TColumnPlan {
  const candidates = new Map<TTargetField, number[]>();
  for (const field of TARGET_FIELDS) {
    const aliases = def.columns[field] ?? [];
    const indexes: number[] = [];
    for (const alias of aliases) {
      const index = header.normalized.indexOf(normalizeHeader(alias));
      if (index !== -1 && !indexes.includes(index)) indexes.push(index);
    }
    if (indexes.length > 0) candidates.set(field, indexes);
  }
  return finish(candidates, header, def.lenientProfileUrl ?? false, def.multiValueSeparator);
}

/**
 * A user's mapping for an unknown layout. Headers are matched as spelled, then normalised (so a
 * mapping remembered for "Email " still fits "email"). Null when no mapped header exists here.
 */
export function planFromMapping(mapping: TColumnMapping, header: THeaderRow): TColumnPlan | null {
  const candidates = new Map<TTargetField, number[]>();
  for (const field of TARGET_FIELDS) {
    const source = mapping[field];
    if (source === undefined || source.trim() === "") continue;
    let index = header.headers.indexOf(source);
    if (index === -1) index = header.normalized.indexOf(normalizeHeader(source));
    if (index !== -1) candidates.set(field, [index]);
  }
  if (candidates.size === 0) return null;
  return finish(candidates, header, false, undefined);
}

function finish(unordered: Map<TTargetField, number[]>, header: THeaderRow, lenient: boolean, separator: string | undefined): TColumnPlan {
  // In column order, so a row's values usually come out already in the order they are checked.
  const candidates = new Map([...unordered].sort((a, b) => a[1][0]! - b[1][0]!));
  const mapping: TColumnMapping = {};
  for (const [field, indexes] of candidates) mapping[field] = header.headers[indexes[0]!]!;
  return { candidates, lenientProfileUrl: lenient, multiValueSeparator: separator, mapping };
}
