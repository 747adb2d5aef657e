export type TDelimiter = "," | ";" | "\t";

const CANDIDATES: readonly TDelimiter[] = [",", ";", "\t"];
const SCAN_LINES = 30;
const SCAN_CHARS = 64 * 1024;

/**
 * Pick the delimiter from the first lines, counting only characters outside quotes. The winner
 * is the candidate that appears the same number of times on the most lines: a header and its
 * rows agree, while commas inside unquoted text of a semicolon file (European Excel) do not.
 */
export function detectDelimiter(text: string): TDelimiter {
  const perLine = CANDIDATES.map(() => [] as number[]);
  let counts = CANDIDATES.map(() => 0);
  let lineHasContent = false;
  let inQuotes = false;
  const end = Math.min(text.length, SCAN_CHARS);
  for (let i = 0; i < end && perLine[0]!.length < SCAN_LINES; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      if (lineHasContent) counts.forEach((n, k) => perLine[k]!.push(n));
      counts = CANDIDATES.map(() => 0);
      lineHasContent = false;
      continue;
    } else if (!inQuotes) {
      const k = CANDIDATES.indexOf(c as TDelimiter);
      if (k >= 0) counts[k]!++;
    }
    if (c !== " ") lineHasContent = true;
  }
  if (lineHasContent) counts.forEach((n, k) => perLine[k]!.push(n));

  let best: TDelimiter = ",";
  let bestScore = 0;
  CANDIDATES.forEach((candidate, k) => {
    const score = consistency(perLine[k]!);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  });
  return best;
}

/** Lines agreeing on the most common non-zero count, ties broken by the larger count. */
function consistency(counts: number[]): number {
  const frequency = new Map<number, number>();
  for (const n of counts) if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  let score = 0;
  for (const [n, lines] of frequency) score = Math.max(score, lines * 1000 + Math.min(n, 999));
  return score;
}
