"use client";
import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";

type TListInputProps = {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  error?: string;
  placeholder?: string;
  disabled?: boolean;
  maxLength?: number;
  maxValues?: number;
};

const key = (v: string) => v.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();

/**
 * A list of short values typed one at a time: Enter or a comma adds what was typed as a chip, a
 * pasted "a, b, c" adds three, and leaving the field keeps a half-typed value rather than dropping
 * it silently. Each chip is a button named "Remove <value>", so keyboard and screen reader users
 * can take one out; focus then returns to the input.
 */
export function ListInput({ label, values, onChange, hint, error, placeholder, disabled, maxLength = 100, maxValues = 50 }: TListInputProps) {
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const described = [hint ? `${inputId}-hint` : "", error ? `${inputId}-error` : ""].filter(Boolean).join(" ") || undefined;

  function add(raw: string[]) {
    const next = [...values];
    const seen = new Set(next.map(key));
    for (const r of raw) {
      const v = r.trim().slice(0, maxLength);
      if (!v || seen.has(key(v)) || next.length >= maxValues) continue;
      seen.add(key(v));
      next.push(v);
    }
    if (next.length !== values.length) onChange(next);
    setDraft("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault(); // Enter must not submit the surrounding form
      add([draft]);
    }
  }

  function onPaste(e: ClipboardEvent<HTMLInputElement>) {
    const text = e.clipboardData.getData("text");
    if (!/[,\n;]/.test(text)) return;
    e.preventDefault();
    add(`${draft}${text}`.split(/[,\n;]/));
  }

  function remove(v: string) {
    onChange(values.filter((x) => x !== v));
    inputRef.current?.focus();
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-gray-800">{label}</label>
      <div className={`flex flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5 ${error ? "border-red-600" : "border-gray-300"} ${disabled ? "bg-gray-50" : ""}`}>
        {values.length > 0 && (
          <ul className="flex flex-wrap gap-1.5" aria-label={`${label}: ${values.length} added`}>
            {values.map((v) => (
              <li key={v}>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => remove(v)}
                  aria-label={`Remove ${v}`}
                  className="inline-flex items-center gap-1 rounded-full bg-blue-50 px-2.5 py-1 text-sm text-blue-900 ring-1 ring-blue-200 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-not-allowed"
                >
                  {v}
                  <span aria-hidden="true" className="text-blue-700">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          value={draft}
          disabled={disabled}
          maxLength={maxLength}
          placeholder={values.length === 0 ? placeholder : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          enterKeyHint="enter"
          // A comma can still arrive without a keydown (mobile keyboards, IMEs): it separates values too.
          onChange={(e) => (e.target.value.includes(",") ? add(e.target.value.split(",")) : setDraft(e.target.value))}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => draft.trim() && add([draft])}
          className="min-w-40 flex-1 rounded px-1 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
        />
      </div>
      {hint && <p id={`${inputId}-hint`} className="text-xs text-gray-600">{hint}</p>}
      {error && <p id={`${inputId}-error`} className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
