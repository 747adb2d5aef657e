// BENCH_EXPLAIN=<ms>: the plans of the statements that took longer than that during the HTTP run,
// as Postgres ran them (auto_explain with ANALYZE and BUFFERS, loaded for new sessions of the
// bench database only), copied from the server log to var/bench/review-slow-plans.log. Costs
// some speed itself (timing every plan node), so figures from such a run are not the figures.
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from "node:fs";
import type pg from "pg";

const LOG = process.env.BENCH_PG_LOG ?? "/var/log/postgresql/postgresql-15-main.log";

export type TExplainCapture = { stop: (outFile: string) => Promise<number> };

export async function captureSlowPlans(c: pg.Client, minMs: number): Promise<TExplainCapture | null> {
  if (!existsSync(LOG)) {
    console.log(`BENCH_EXPLAIN: no Postgres log at ${LOG} (set BENCH_PG_LOG); not capturing plans`);
    return null;
  }
  const db = (await c.query<{ d: string }>(`SELECT current_database() AS d`)).rows[0]!.d;
  const ident = `"${db.replace(/"/g, '""')}"`;
  const settings: Array<[string, string]> = [
    ["session_preload_libraries", "auto_explain"],
    ["auto_explain.log_min_duration", `${minMs}ms`],
    ["auto_explain.log_analyze", "on"],
    ["auto_explain.log_buffers", "on"],
    ["auto_explain.log_nested_statements", "on"],
  ];
  for (const [k, v] of settings) await c.query(`ALTER DATABASE ${ident} SET ${k} = '${v}'`);
  const from = statSync(LOG).size;
  return {
    stop: async (outFile) => {
      for (const [k] of settings) await c.query(`ALTER DATABASE ${ident} RESET ${k}`);
      const size = statSync(LOG).size - from;
      const buf = Buffer.alloc(Math.min(size, 64 * 1024 * 1024));
      const fd = openSync(LOG, "r");
      readSync(fd, buf, 0, buf.length, from);
      closeSync(fd);
      const text = buf.toString("utf8");
      const plans = text.split(/\n(?=\S.*LOG:\s+duration:)/).filter((p) => p.includes("LOG:  duration:") && p.includes("Query Text:"));
      writeFileSync(outFile, plans.join("\n\n"));
      return plans.length;
    },
  };
}
