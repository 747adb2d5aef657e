"use client";
import Link from "next/link";
import type { TWeight } from "@crm/scoring";
import { Button } from "@crm/ui";
import type { TDraft } from "../draft";
import { Criterion, WeightSelect } from "./criterion";

export type TTagChoice = { id: string; name: string };
type TRule = TDraft["tags"][number];

const selectClass = "rounded-md border border-gray-300 bg-white px-2 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

/**
 * Rules on the team's tags, chosen from a list (by id: renaming or merging the tag keeps the
 * rule). A rule whose tag no longer exists stays visible, marked, until it is re-pointed or removed.
 */
export function TagRules({ rules, onChange, error, disabled, tags, tagsUrl }: {
  rules: TRule[]; onChange: (rules: TRule[]) => void; error?: string; disabled: boolean; tags: TTagChoice[]; tagsUrl: string;
}) {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const update = (i: number, patch: Partial<TRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unused = tags.find((t) => !rules.some((r) => r.tagId === t.id));
  return (
    <Criterion
      legend="Tags that add or subtract"
      description={
        <>
          Tags your team puts on connections (<Link className="text-blue-800 underline" href={tagsUrl}>manage tags</Link>). A rule follows its tag
          when the tag is renamed or merged; deleting a tag asks what to do with its rule.
        </>
      }
      error={error}
    >
      {rules.length > 0 && (
        <ul className="flex flex-col gap-2">
          {rules.map((r, i) => {
            const tag = r.tagId ? byId.get(r.tagId) : undefined;
            const name = tag?.name ?? (r.tag.trim() || `rule ${i + 1}`);
            const lost = !tag;
            return (
              <li key={i} className="flex flex-wrap items-end gap-3" data-testid="tag-rule">
                <div className="flex flex-col gap-1">
                  <label htmlFor={`tag-rule-${i}`} className="text-sm font-medium text-gray-800">Tag<span className="sr-only"> {i + 1}</span></label>
                  <select
                    id={`tag-rule-${i}`}
                    value={tag ? tag.id : ""}
                    disabled={disabled}
                    aria-invalid={lost || undefined}
                    aria-describedby={lost ? `tag-rule-${i}-lost` : undefined}
                    onChange={(e) => update(i, { tagId: e.target.value, tag: byId.get(e.target.value)?.name ?? "" })}
                    className={selectClass}
                  >
                    <option value="" disabled>{lost && r.tag.trim() ? `“${r.tag}” (no such tag)` : "Choose a tag…"}</option>
                    {tags.map((t) => <option key={t.id} value={t.id} disabled={t.id !== r.tagId && rules.some((o) => o.tagId === t.id)}>{t.name}</option>)}
                  </select>
                </div>
                <WeightSelect of={`tag ${name}`} value={r.weight} disabled={disabled} onChange={(weight: TWeight) => update(i, { weight })} />
                <Button variant="ghost" disabled={disabled} aria-label={`Remove tag rule ${name}`} onClick={() => onChange(rules.filter((_, j) => j !== i))}>Remove</Button>
                {lost && r.tag.trim() !== "" && (
                  <p id={`tag-rule-${i}-lost`} className="basis-full text-xs text-amber-800">
                    The tag “{r.tag}” does not exist any more, so this rule counts for nobody. Choose another tag or remove the rule.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          disabled={disabled || !unused || rules.length >= 50}
          onClick={() => unused && onChange([...rules, { tagId: unused.id, tag: unused.name, weight: "important" }])}
        >
          Add a tag rule
        </Button>
        {tags.length === 0 && <p className="text-xs text-gray-600">Your team has no tags yet: <Link className="text-blue-800 underline" href={tagsUrl}>create one</Link>, then add a rule.</p>}
      </div>
    </Criterion>
  );
}
