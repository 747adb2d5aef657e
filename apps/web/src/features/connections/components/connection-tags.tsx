"use client";
import { useEffect, useState } from "react";
import { Alert } from "@crm/ui";
import { changeTagsAction, createTagAction } from "../actions";
import { FALLBACK_ERROR } from "../labels";
import { runAction } from "../run-action";
import { Popover } from "./popover";
import { TagChip } from "./tag-chip";
import { TagPicker, type TTagOption } from "./tag-picker";

type TTag = { id: string; name: string; color: string };

/**
 * Tags of one connection. Changes show at once and are rolled back if the server refuses; the
 * server's answer then replaces the local guess (onChanged reloads the detail).
 */
export function ConnectionTags({ teamSlug, connectionId, initial, allTags, onChanged }: { teamSlug: string; connectionId: string; initial: TTag[]; allTags: TTagOption[]; onChanged: () => Promise<void> | void }) {
  const [tags, setTags] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTags(initial), [initial]);

  async function change(tag: TTag, op: "add" | "remove"): Promise<string | null> {
    const before = tags;
    setTags(op === "add" ? [...tags, tag].sort((a, b) => a.name.localeCompare(b.name)) : tags.filter((t) => t.id !== tag.id));
    setError(null);
    const r = await runAction(changeTagsAction, teamSlug, { tagId: tag.id, op, ids: connectionId });
    if (!r.ok) {
      setTags(before);
      const message = r.message ?? FALLBACK_ERROR;
      setError(message);
      return message;
    }
    await onChanged();
    return null;
  }

  async function create(name: string): Promise<string | null> {
    const r = await runAction(createTagAction, teamSlug, { name });
    if (!r.ok || !r.data) return r.fieldErrors?.name ?? r.message ?? FALLBACK_ERROR;
    return change({ id: String(r.data.tagId), name: String(r.data.name), color: String(r.data.color) }, "add");
  }

  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-wrap items-center gap-1.5" aria-label="Tags of this connection">
        {tags.map((t) => (
          <li key={t.id}>
            <TagChip name={t.name} color={t.color}>
              <button
                type="button"
                aria-label={`Remove tag ${t.name}`}
                onClick={() => void change(t, "remove")}
                className="rounded-full px-0.5 leading-none hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                <span aria-hidden="true">×</span>
              </button>
            </TagChip>
          </li>
        ))}
        <li>
          <Popover label="Add tag" buttonClassName="inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-blue-200 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600">
            {(close) => (
              <TagPicker
                tags={allTags}
                exclude={tags.map((t) => t.id)}
                allowCreate
                onPick={async (t) => {
                  const problem = await change(t, "add");
                  if (!problem) close();
                  return problem;
                }}
                onCreate={async (name) => {
                  const problem = await create(name);
                  if (!problem) close();
                  return problem;
                }}
              />
            )}
          </Popover>
        </li>
      </ul>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
