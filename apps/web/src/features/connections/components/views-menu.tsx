"use client";
import { useId, useState, type FormEvent } from "react";
import Link from "next/link";
import type { TSavedView } from "@crm/core";
import { Alert, Button } from "@crm/ui";
import { deleteViewAction, saveViewAction } from "../actions";
import { FALLBACK_ERROR, withQuery } from "../labels";
import { runAction } from "../run-action";
import { useFilterNav } from "./filter-nav";
import { Popover } from "./popover";

function SaveViewForm({ teamSlug, query, close }: { teamSlug: string; query: string; close: () => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    const r = await runAction(saveViewAction, teamSlug, { name: String(data.get("name") ?? ""), query, shared: data.get("shared") ? "on" : undefined });
    setBusy(false);
    if (r.ok) close();
    else setError(r.fieldErrors?.name ?? r.message ?? FALLBACK_ERROR);
  }
  return (
    <form onSubmit={submit} className="flex w-72 flex-col gap-3" aria-label="Save view">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-name`} className="text-sm font-medium text-gray-800">View name</label>
        <input id={`${id}-name`} name="name" autoFocus required maxLength={80} className="rounded-md border border-gray-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600" />
      </div>
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input type="checkbox" name="shared" className="h-4 w-4 accent-blue-700" />
        Share with the team
      </label>
      <p className="text-xs text-gray-600">Saves the current filters and sort. Saving under an existing name of yours replaces it.</p>
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Save view"}</Button>
    </form>
  );
}

function ViewList({ title, views, teamSlug, onDelete }: { title: string; views: TSavedView[]; teamSlug: string; onDelete: (v: TSavedView) => void }) {
  if (!views.length) return null;
  return (
    <section aria-label={title} className="flex flex-col gap-1">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-gray-600">{title}</h3>
      <ul className="flex flex-col">
        {views.map((v) => (
          <li key={v.id} className="flex items-center justify-between gap-2">
            <Link href={withQuery(`/t/${teamSlug}/connections`, v.query)} className="flex-1 truncate rounded px-2 py-1.5 text-sm text-blue-800 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600">
              {v.name}
              {!v.mine && <span className="text-xs text-gray-600"> · {v.ownerName}</span>}
              {v.mine && v.shared && <span className="text-xs text-gray-600"> · shared</span>}
            </Link>
            {v.mine && (
              <button type="button" onClick={() => onDelete(v)} aria-label={`Delete view ${v.name}`} className="rounded px-1.5 py-1 text-xs text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-600">
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Saved views: the caller's own and the team's shared ones; opening one is following its link. */
export function ViewsMenu({ teamSlug, views }: { teamSlug: string; views: TSavedView[] }) {
  const { query } = useFilterNav();
  const [error, setError] = useState<string | null>(null);
  const current = views.find((v) => v.query === query);
  const remove = async (v: TSavedView) => {
    const r = await runAction(deleteViewAction, teamSlug, { viewId: v.id });
    setError(r.ok ? null : (r.message ?? FALLBACK_ERROR));
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Popover label={current ? `View: ${current.name}` : "Views"} name="Saved views" align="right">
        <div className="flex w-72 flex-col gap-3">
          {views.length === 0 && <p className="text-sm text-gray-700">No saved views yet. Filter the table, then “Save view”.</p>}
          <ViewList title="My views" views={views.filter((v) => v.mine)} teamSlug={teamSlug} onDelete={remove} />
          <ViewList title="Shared by teammates" views={views.filter((v) => !v.mine)} teamSlug={teamSlug} onDelete={remove} />
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Popover>
      <Popover label="Save view" name="Save this view" align="right">
        {(close) => <SaveViewForm teamSlug={teamSlug} query={query} close={close} />}
      </Popover>
    </div>
  );
}
