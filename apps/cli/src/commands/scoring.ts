import { createInterface } from "node:readline";
import { classifyTitle, FUNCTIONS, FUNCTION_LABELS, SENIORITIES, SENIORITY_LABELS } from "@crm/scoring";
import type { TCommand } from "./index";

const labels = (names: readonly string[], text: Record<string, string>) => names.map((n) => `    ${n.padEnd(15)} ${text[n] ?? ""}`).join("\n");

export const SCORING_COMMANDS: Record<string, TCommand> = {
  "classify-titles": {
    summary: "classify position strings (one per line on stdin) into seniority and function; JSON lines out",
    usage: `classify-titles < titles.txt
  Prints one {"title","seniority","function"} JSON object per input line, with the classifier's own labels:
  seniority:
${labels(SENIORITIES, SENIORITY_LABELS)}
  function:
${labels(FUNCTIONS, FUNCTION_LABELS)}`,
    run: async () => {
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const c = classifyTitle(line);
        process.stdout.write(`${JSON.stringify({ title: line, seniority: c.seniority, function: c.function })}\n`);
      }
      return 0;
    },
  },
};
