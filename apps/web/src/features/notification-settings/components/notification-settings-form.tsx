"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert, Button, CheckboxField, SelectField } from "@crm/ui";
import { saveSettings } from "../api";
import { HOUR_OPTIONS, KIND_HINTS, MODE_OPTIONS, WEEKDAY_OPTIONS, zoneOptions } from "../labels";

export type TSettingsValue = {
  timeZone: string | null;
  effectiveTimeZone: string;
  digestWeekday: number;
  digestHour: number;
  digestEnabled: boolean;
  quietWeekNote: boolean;
  emailModes: Record<string, string>;
};

type TProps = { slug: string; initial: TSettingsValue; kinds: Array<{ kind: string; label: string }>; zones: string[] };
type TResult = { ok: boolean; message: string; field?: string } | null;

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
};

/** The member's own email settings for this team: the weekly digest and each kind of email. */
export function NotificationSettingsForm({ slug, initial, kinds, zones }: TProps) {
  const id = useId();
  const [v, setV] = useState(initial);
  // The field shows the zone emails use now; the browser's, when different, is one button away.
  // Saving never changes the zone behind the member's back (see submit).
  const [zone, setZone] = useState(initial.timeZone ?? initial.effectiveTimeZone);
  const [browser, setBrowser] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TResult>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => setBrowser(browserZone()), []);

  const set = (patch: Partial<TSettingsValue>) => setV((x) => ({ ...x, ...patch }));
  const err = (field: string) => (result && !result.ok && result.field === field ? result.message : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    // No zone chosen and the field left at the one emails use: send none, so emails keep
    // following the member's LinkedIn account's zone instead of pinning today's.
    const zoneChanged = v.timeZone !== null || zone !== v.effectiveTimeZone;
    const r = await saveSettings<TSettingsValue>(slug, {
      ...(zoneChanged ? { timeZone: zone } : {}),
      digestEnabled: v.digestEnabled,
      digestWeekday: v.digestWeekday,
      digestHour: v.digestHour,
      quietWeekNote: v.quietWeekNote,
      emailModes: v.emailModes,
    });
    setBusy(false);
    if (r.ok) {
      setV(r.data);
      setZone(r.data.timeZone ?? r.data.effectiveTimeZone);
      setResult({ ok: true, message: "Saved your email settings." });
      return;
    }
    setResult({ ok: false, message: r.message, field: r.field });
    // The refused field takes the focus ("emailModes.mention" is that select's name).
    if (r.field) formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(r.field)}"]`)?.focus();
  }

  const card = "flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200";
  return (
    <form ref={formRef} onSubmit={submit} aria-label="Email settings" className="flex max-w-3xl flex-col gap-6" noValidate>
      <fieldset className={card}>
        <legend className="px-1 text-lg font-semibold">Weekly digest</legend>
        <CheckboxField
          name="digestEnabled"
          label="Email me a weekly digest"
          hint="What happened in the team's network, the review queue, removals and follow-ups, once a week."
          checked={v.digestEnabled}
          onChange={(e) => set({ digestEnabled: e.target.checked })}
        />
        <div className="flex flex-wrap gap-4">
          <SelectField name="digestWeekday" label="Day" options={WEEKDAY_OPTIONS} value={String(v.digestWeekday)} disabled={!v.digestEnabled} onChange={(e) => set({ digestWeekday: Number(e.target.value) })} error={err("digestWeekday")} />
          <SelectField name="digestHour" label="Time" options={HOUR_OPTIONS} value={String(v.digestHour)} disabled={!v.digestEnabled} onChange={(e) => set({ digestHour: Number(e.target.value) })} error={err("digestHour")} />
        </div>
        <CheckboxField
          name="quietWeekNote"
          label="Send a short note in a quiet week"
          hint="When nothing happened, a one-line email instead of none."
          checked={v.quietWeekNote}
          disabled={!v.digestEnabled}
          onChange={(e) => set({ quietWeekNote: e.target.checked })}
        />
      </fieldset>

      <fieldset className={card}>
        <legend className="px-1 text-lg font-semibold">Time zone</legend>
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            name="timeZone"
            label="Your time zone"
            className="min-w-64"
            options={zoneOptions(zones, zone, browser)}
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            hint="The digest's day and time, and the daily summary, follow this zone."
            error={err("timeZone")}
          />
          {browser && browser !== zone && (
            <Button variant="secondary" onClick={() => setZone(browser)}>
              Use my browser’s zone ({browser.replace(/_/g, " ")})
            </Button>
          )}
        </div>
        {v.timeZone === null && (
          <p className="text-sm text-gray-700">
            You have not chosen a zone yet, so emails use {v.effectiveTimeZone.replace(/_/g, " ")} (your LinkedIn account’s zone, or UTC without one). Choose one and save to change it.
          </p>
        )}
      </fieldset>

      <fieldset className={card}>
        <legend className="px-1 text-lg font-semibold">Emails about</legend>
        <p id={`${id}-modes`} className="text-sm text-gray-700">
          Everything also appears under the bell in the app. “In a daily summary” collects them into one email a day, sent at the digest’s time.
        </p>
        <ul className="flex flex-col gap-3" aria-describedby={`${id}-modes`}>
          {kinds.map(({ kind, label }) => (
            <li key={kind}>
              <SelectField
                name={`emailModes.${kind}`}
                label={label}
                className="max-w-sm"
                options={MODE_OPTIONS}
                value={v.emailModes[kind] ?? "off"}
                onChange={(e) => set({ emailModes: { ...v.emailModes, [kind]: e.target.value } })}
                hint={KIND_HINTS[kind]}
                error={err(`emailModes.${kind}`)}
              />
            </li>
          ))}
        </ul>
      </fieldset>

      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      <div>
        <Button type="submit" disabled={busy} aria-busy={busy}>{busy ? "Saving…" : "Save email settings"}</Button>
      </div>
    </form>
  );
}
