"use client";
import { useId, useState, type FormEvent } from "react";
import { Alert, Button } from "@crm/ui";
import { createTagAction } from "@/features/connections/actions";
import { FALLBACK_ERROR } from "@/features/connections/labels";
import { runAction } from "@/features/connections/run-action";

/** Anyone in the team creates tags; the colour defaults to the next one in the palette. */
export function NewTagForm({ teamSlug, colors }: { teamSlug: string; colors: string[] }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const r = await runAction(createTagAction, teamSlug, { name: String(data.get("name") ?? ""), color: String(data.get("color") ?? "") || undefined });
    setBusy(false);
    if (r.ok) {
      form.reset();
      setError(null);
    } else setError(r.fieldErrors?.name ?? r.fieldErrors?.color ?? r.message ?? FALLBACK_ERROR);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="Create a tag">
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-name`} className="text-sm font-medium text-gray-800">New tag</label>
          <input id={`${id}-name`} name="name" required maxLength={60} className="rounded-md border border-gray-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-color`} className="text-sm font-medium text-gray-800">Color</label>
          <select id={`${id}-color`} name="color" defaultValue="" className="rounded-md border border-gray-300 bg-white px-2 py-2 text-sm capitalize focus-visible:outline-2 focus-visible:outline-blue-600">
            <option value="">Automatic</option>
            {colors.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <Button type="submit" disabled={busy}>{busy ? "Creating…" : "Create tag"}</Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}
