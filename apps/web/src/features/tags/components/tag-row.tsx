"use client";
import { useId, useState, type FormEvent } from "react";
import Link from "next/link";
import { Alert, Button } from "@crm/ui";
import { FALLBACK_ERROR, tagDotClass } from "@/features/connections/labels";
import { runAction } from "@/features/connections/run-action";
import { deleteTagAction, mergeTagsAction, updateTagAction } from "../actions";
import { CadenceField } from "./cadence-field";
import { IcpNames, IcpRuleNote, type TUsage } from "./icp-usage";

/** cadenceDays: the keep-in-touch cadence (null or absent = off). */
export type TTagRow = { id: string; name: string; color: string; count: number; cadenceDays?: number | null };

type TMode = "view" | "rename" | "merge" | "delete";
const small = "rounded px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

/** One tag: its colour, name and use, and (for owners and admins) rename, recolour, merge, delete. */
export function TagRow({ teamSlug, tag, others, colors, canManage, href, usage, icpsUrl }: {
  teamSlug: string; tag: TTagRow; others: TTagRow[]; colors: string[]; canManage: boolean; href: string; usage: TUsage; icpsUrl: string;
}) {
  const usedBy = usage[tag.id] ?? [];
  const [mode, setMode] = useState<TMode>("view");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState("");
  const id = useId();

  async function run(p: ReturnType<typeof runAction>) {
    setBusy(true);
    setError(null);
    const r = await p;
    setBusy(false);
    if (r.ok) setMode("view");
    else setError(r.fieldErrors?.name ?? r.fieldErrors?.targetId ?? r.message ?? FALLBACK_ERROR);
  }

  const rename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void run(runAction(updateTagAction, teamSlug, { tagId: tag.id, name: String(new FormData(e.currentTarget).get("name") ?? "") }));
  };
  const into = others.find((o) => o.id === target);

  return (
    <li className="flex flex-col gap-2 border-b border-gray-200 py-3 last:border-0" data-testid="tag-row">
      <div className="flex flex-wrap items-center gap-3">
        <span aria-hidden="true" className={`h-3 w-3 shrink-0 rounded-full ${tagDotClass(tag.color)}`} />
        {mode === "rename" ? (
          <form onSubmit={rename} className="flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-name`} className="sr-only">New name for {tag.name}</label>
            <input id={`${id}-name`} name="name" defaultValue={tag.name} autoFocus maxLength={60} className="rounded-md border border-gray-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600" />
            <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Save name"}</Button>
            <Button variant="secondary" onClick={() => setMode("view")} disabled={busy}>Cancel</Button>
            <div className="basis-full"><IcpRuleNote mode="rename" tagName={tag.name} icps={usedBy} icpsUrl={icpsUrl} /></div>
          </form>
        ) : (
          <span className="font-medium text-gray-900">{tag.name}</span>
        )}
        <Link href={href} className="text-sm text-blue-800 underline">{tag.count.toLocaleString("en")} {tag.count === 1 ? "connection" : "connections"}</Link>
        {usedBy.length > 0 && mode === "view" && <span className="text-xs text-gray-600">Scored by <IcpNames icps={usedBy} icpsUrl={icpsUrl} /></span>}
        {canManage && mode === "view" && (
          <div className="ml-auto flex flex-wrap items-center gap-1">
            <label htmlFor={`${id}-color`} className="sr-only">Color of {tag.name}</label>
            <select
              id={`${id}-color`}
              value={tag.color}
              disabled={busy}
              onChange={(e) => void run(runAction(updateTagAction, teamSlug, { tagId: tag.id, color: e.target.value }))}
              className="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm capitalize focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              {colors.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
            <button type="button" onClick={() => setMode("rename")} className={`${small} text-blue-800 hover:bg-blue-50`}>Rename<span className="sr-only"> {tag.name}</span></button>
            {others.length > 0 && <button type="button" onClick={() => setMode("merge")} className={`${small} text-blue-800 hover:bg-blue-50`}>Merge<span className="sr-only"> {tag.name}</span></button>}
            <button type="button" onClick={() => setMode("delete")} className={`${small} text-red-700 hover:bg-red-50`}>Delete<span className="sr-only"> {tag.name}</span></button>
          </div>
        )}
      </div>
      {mode === "view" && <CadenceField teamSlug={teamSlug} tagId={tag.id} tagName={tag.name} initial={tag.cadenceDays ?? null} canManage={canManage} />}
      {mode === "merge" && (
        <div role="group" aria-label={`Merge ${tag.name}`} className="flex flex-col gap-2 rounded-md bg-gray-50 p-3 ring-1 ring-gray-200">
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-into`} className="text-sm font-medium text-gray-800">Merge “{tag.name}” into</label>
              <select id={`${id}-into`} value={target} autoFocus onChange={(e) => setTarget(e.target.value)} className="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600">
                <option value="">Choose a tag…</option>
                {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </div>
            <Button disabled={busy || !into} onClick={() => void run(runAction(mergeTagsAction, teamSlug, { sourceId: tag.id, targetId: target }))}>{busy ? "Merging…" : "Merge tags"}</Button>
            <Button variant="secondary" onClick={() => setMode("view")} disabled={busy}>Cancel</Button>
          </div>
          <p className="text-sm text-gray-700">
            {into ? `The ${tag.count.toLocaleString("en")} connections tagged “${tag.name}” get “${into.name}”, and “${tag.name}” is deleted.` : "Its connections move to the tag you choose, and this tag is deleted."}
          </p>
          <IcpRuleNote mode="merge" tagName={tag.name} icps={usedBy} icpsUrl={icpsUrl} into={into?.name} intoUsed={into ? usage[into.id] : undefined} />
        </div>
      )}
      {mode === "delete" && (
        <div role="group" aria-label={`Delete ${tag.name}`} className="flex flex-col gap-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200">
          <p className="text-sm text-red-900">Delete “{tag.name}” and remove it from {tag.count.toLocaleString("en")} {tag.count === 1 ? "connection" : "connections"}? Saved views that filter by it no longer find anyone through it.</p>
          <IcpRuleNote mode="delete" tagName={tag.name} icps={usedBy} icpsUrl={icpsUrl} />
          <div className="flex gap-2">
            <Button variant="danger" onClick={() => void run(runAction(deleteTagAction, teamSlug, usedBy.length > 0 ? { tagId: tag.id, icpRules: "remove" as const } : { tagId: tag.id }))} disabled={busy}>
              {busy ? "Deleting…" : usedBy.length > 0 ? `Delete tag and remove its rule from ${usedBy.length} ${usedBy.length === 1 ? "profile" : "profiles"}` : "Delete tag"}
            </Button>
            <Button autoFocus variant="secondary" onClick={() => setMode("view")} disabled={busy}>Cancel</Button>
          </div>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </li>
  );
}
