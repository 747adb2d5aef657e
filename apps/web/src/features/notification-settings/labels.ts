// Words for the settings form; pure so the unit test can pin them.

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** ISO weekday 1 (Monday) … 7 (Sunday) as select options. */
export const WEEKDAY_OPTIONS = WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }));

export const HOUR_OPTIONS = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, "0")}:00` }));

export const MODE_OPTIONS = [
  { value: "off", label: "Off" },
  { value: "instant", label: "As it happens" },
  { value: "daily", label: "In a daily summary" },
];

/** One line under each kind's select: what would be emailed. */
export const KIND_HINTS: Record<string, string> = {
  mention: "A teammate mentions you in a note.",
  awaiting_decision: "Proposals in your account's review queue wait for your decision.",
  "removal.planned": "Today's removal session for your account is planned.",
  reminder_due: "A reminder you set, or a keep-in-touch reminder for your account, comes due.",
  job_change: "People on your account, or people you noted or voted on, changed jobs in a new import.",
};

/** The zone list for the select: the server's list, plus the current and the browser's zone if missing. */
export function zoneOptions(known: readonly string[], ...extra: Array<string | null | undefined>): Array<{ value: string; label: string }> {
  const all = new Set(known);
  for (const z of extra) if (z) all.add(z);
  return [...all].sort((a, b) => a.localeCompare(b)).map((z) => ({ value: z, label: z.replace(/_/g, " ") }));
}
