import { RULE_LABELS } from "./queue-rules";

// Labels of the rules that put an item in the queue (queue-rules.ts), plus the hand-made origin.
// A code no longer known (a rule renamed since) still reads as words rather than failing.

const EXTRA: Record<string, string> = { manual: "Proposed by a teammate" };

export function ruleLabel(code: string): string {
  return (RULE_LABELS as Readonly<Record<string, string>>)[code] ?? EXTRA[code] ?? code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}
