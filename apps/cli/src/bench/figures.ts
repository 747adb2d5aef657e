// The benchmarks' figures: each printed as it is measured (a run cut short still says something),
// all of them as one table at the end, and the raw results written to var/bench/<name>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type TFigure = { scenario?: string; what: string; target: number | null; value: number; unit: string; detail?: string };

/** A figure meets its target when it is under it ("p95 under 20 ms"); no target, or no value, is neither. */
export function figureRow(f: TFigure): string {
  const ok = f.target === null || Number.isNaN(f.value) ? "  " : f.value < f.target ? "✓ " : "✗ ";
  const scenario = f.scenario === undefined ? "" : `${f.scenario.padEnd(9)} `;
  const measured = `${f.value.toFixed(f.value < 100 ? 1 : 0)} ${f.unit}`;
  return `${scenario}${f.what.padEnd(58)} ${(f.target === null ? "—" : `< ${f.target}`).padStart(8)} ${measured.padStart(10)}  ${ok}  ${f.detail ?? ""}`;
}

function figureTable(figs: readonly TFigure[]): string {
  const scenario = figs.some((f) => f.scenario !== undefined) ? `${"scenario".padEnd(9)} ` : "";
  return [`${scenario}${"figure".padEnd(58)} ${"target".padStart(8)} ${"measured".padStart(10)}  ok  detail`, ...figs.map(figureRow)].join("\n");
}

/** The figures a bench collects, and `record`, which prints each one as it comes. */
export function figureLog(): { figs: TFigure[]; record: (...fs: TFigure[]) => void } {
  const figs: TFigure[] = [];
  return {
    figs,
    record: (...fs) => {
      for (const f of fs) console.log(`  ${figureRow(f)}`);
      figs.push(...fs);
    },
  };
}

/** Prints the table (and a footer line, if any) and writes `raw` with the figures to `out`. */
export function finishBench(out: string, raw: Record<string, unknown>, figs: TFigure[], footer?: string): void {
  console.log(`\n${figureTable(figs)}${footer ? `\n${footer}` : ""}`);
  raw.figures = figs;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(raw, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
}
