"use client";
import { useId, useState } from "react";
import { Alert } from "@crm/ui";
import { tagDotClass } from "../labels";

export type TTagOption = { id: string; name: string; color: string; count?: number };

type TTagPickerProps = {
  tags: TTagOption[];
  /** Offer "Create tag 'xyz'" when what was typed names no tag. */
  allowCreate: boolean;
  /** Tags not to offer (already on the connection). */
  exclude?: string[];
  onPick: (tag: TTagOption) => Promise<string | null | void>;
  onCreate?: (name: string) => Promise<string | null | void>;
  inputLabel?: string;
};

const key = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Type to narrow the team's tags; Enter picks the first match, or creates the tag when nothing
 * matches exactly. Errors (a name too long, a duplicate) show under the field.
 */
export function TagPicker({ tags, allowCreate, exclude = [], onPick, onCreate, inputLabel = "Find or create a tag" }: TTagPickerProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const k = key(text);
  const shown = tags.filter((t) => !exclude.includes(t.id) && (!k || key(t.name).includes(k))).slice(0, 50);
  const exact = tags.find((t) => key(t.name) === k);
  const canCreate = allowCreate && !!onCreate && !!k && !exact;

  async function run(p: Promise<string | null | void>) {
    setBusy(true);
    setError(null);
    const problem = await p;
    setBusy(false);
    if (problem) setError(problem);
  }

  return (
    <div className="flex w-64 flex-col gap-2">
      <label htmlFor={inputId} className="text-sm font-medium text-gray-800">{inputLabel}</label>
      <input
        id={inputId}
        autoFocus
        value={text}
        maxLength={60}
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          if (exact && !exclude.includes(exact.id)) void run(onPick(exact));
          else if (canCreate) void run(onCreate!(text.trim()));
          else if (shown[0]) void run(onPick(shown[0]));
        }}
        className="rounded-md border border-gray-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
      />
      {error && <Alert tone="error">{error}</Alert>}
      <ul className="flex max-h-64 flex-col overflow-y-auto" aria-label="Matching tags">
        {shown.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(onPick(t))}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              <span aria-hidden="true" className={`h-2.5 w-2.5 shrink-0 rounded-full ${tagDotClass(t.color)}`} />
              <span className="flex-1 truncate">{t.name}</span>
              {t.count !== undefined && <span className="text-xs tabular-nums text-gray-500">{t.count.toLocaleString("en")}</span>}
            </button>
          </li>
        ))}
        {canCreate && (
          <li>
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(onCreate!(text.trim()))}
              className="w-full rounded px-2 py-1.5 text-left text-sm font-medium text-blue-800 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              Create tag “{text.trim()}”
            </button>
          </li>
        )}
        {shown.length === 0 && !canCreate && <li className="px-2 py-1.5 text-sm text-gray-600">{tags.length === 0 ? "No tags yet." : "No tag matches."}</li>}
      </ul>
    </div>
  );
}
