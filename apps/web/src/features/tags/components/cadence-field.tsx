"use client";
import { useId, useState, type FormEvent } from "react";
import { setTagCadence } from "@/features/reminders/reminders-api";

const MAX_DAYS = 3650;
const small = "rounded px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60";

/**
 * "Keep in touch every N days" for one tag (empty = off): a reminder comes due for a tagged person
 * nobody messaged within that many days. Owners and admins change it; others read it.
 */
export function CadenceField({ teamSlug, tagId, tagName, initial, canManage }: { teamSlug: string; tagId: string; tagName: string; initial: number | null; canManage: boolean }) {
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [value, setValue] = useState(initial === null ? "" : String(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  if (!canManage) {
    return saved === null ? null : <p className="text-xs text-gray-600" data-testid="tag-cadence">Keep in touch every {saved.toLocaleString("en")} days</p>;
  }

  const text = value.trim();
  const days = text === "" ? null : Number(text);
  const valid = days === null || (Number.isInteger(days) && days >= 1 && days <= MAX_DAYS);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!valid) return setError(`Enter a whole number of days from 1 to ${MAX_DAYS.toLocaleString("en")}, or leave it empty to turn it off.`);
    setBusy(true);
    setError(null);
    const r = await setTagCadence(teamSlug, tagId, days);
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setSaved(r.data.cadenceDays);
    setValue(r.data.cadenceDays === null ? "" : String(r.data.cadenceDays));
    setStatus(r.data.cadenceDays === null ? `Keep in touch is off for “${tagName}”.` : `Keep in touch with “${tagName}” every ${r.data.cadenceDays.toLocaleString("en")} days. Reminders update in a few seconds.`);
  }

  return (
    // noValidate: our own message names the range (a browser bubble is easy to miss and not announced).
    <form onSubmit={save} noValidate className="flex flex-wrap items-center gap-2 text-sm" data-testid="tag-cadence">
      <label htmlFor={`${id}-days`} className="text-gray-800">Keep in touch every</label>
      <input
        id={`${id}-days`}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_DAYS}
        step={1}
        value={value}
        placeholder="off"
        onChange={(e) => {
          setValue(e.target.value);
          setStatus("");
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-msg`}
        className={`w-20 rounded-md border px-2 py-1 text-sm ${error ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
      />
      <span className="text-gray-800">days</span>
      <button type="submit" disabled={busy || text === (saved === null ? "" : String(saved))} className={`${small} text-blue-800 ring-1 ring-gray-300 hover:bg-blue-50`}>
        {busy ? "Saving…" : "Save"}<span className="sr-only"> keep-in-touch cadence for {tagName}</span>
      </button>
      <p id={`${id}-msg`} role={error ? "alert" : undefined} className={`basis-full text-xs ${error ? "text-red-700" : "text-gray-600"}`}>
        {error ?? "Empty = off. A reminder comes due when nobody messaged a tagged person for that long."}
      </p>
      <p role="status" className="basis-full text-xs text-gray-800">{status}</p>
    </form>
  );
}
