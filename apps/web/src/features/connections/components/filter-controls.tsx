"use client";
import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";
import type { TOption } from "../labels";

/** A fieldset of checkboxes; `onChange` gets the new list in the options' order. */
export function CheckboxGroup({ legend, options, values, onChange, className = "" }: { legend: string; options: TOption[]; values: readonly string[]; onChange: (values: string[]) => void; className?: string }) {
  const id = useId();
  const set = new Set(values);
  return (
    <fieldset className={`flex flex-col gap-1 ${className}`}>
      <legend className="mb-1 text-sm font-medium text-gray-800">{legend}</legend>
      {options.map((o) => (
        <div key={o.value} className="flex items-center gap-2">
          <input
            id={`${id}-${o.value}`}
            type="checkbox"
            checked={set.has(o.value)}
            onChange={(e) => onChange(options.filter((x) => (x.value === o.value ? e.target.checked : set.has(x.value))).map((x) => x.value))}
            className="h-4 w-4 rounded border-gray-300 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600"
          />
          <label htmlFor={`${id}-${o.value}`} className="text-sm text-gray-800" title={o.hint}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

type TDebouncedInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> & {
  label: string;
  hideLabel?: boolean;
  value: string;
  /** Called after a pause in typing (replace) and at once on Enter (push). */
  onCommit: (value: string, how: "push" | "replace") => void;
  delay?: number;
};

/**
 * A text field that updates the URL as the user types, after a pause. What the user typed wins
 * over what the server rendered while the field has focus; otherwise (back button) the URL wins.
 */
export function DebouncedInput({ label, hideLabel, value, onCommit, delay = 300, className = "", id, ...rest }: TDebouncedInputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (document.activeElement !== input.current) setDraft(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : "text-sm font-medium text-gray-800"}>{label}</label>
      <input
        ref={input}
        id={inputId}
        value={draft}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit.current(v, "replace"), delay);
        }}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          clearTimeout(timer.current);
          commit.current(draft, "push");
        }}
        className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
        {...rest}
      />
    </div>
  );
}
