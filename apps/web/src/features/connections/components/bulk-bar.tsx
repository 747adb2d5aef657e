"use client";
import { useState } from "react";
import { BulkReminderForm } from "@/features/reminders/components/bulk-reminder-form";
import type { TRowSelection } from "@/lib/use-row-selection";
import { addToReviewAction, changeTagsAction, createTagAction, undoTagChangeAction } from "../actions";
import { FALLBACK_ERROR, plural } from "../labels";
import { runAction } from "../run-action";
import { ConfirmDialog } from "./confirm-dialog";
import { Popover } from "./popover";
import { REVIEW_WARNINGS, ReviewWarningDialog, type TReviewWarning } from "./review-warning-dialog";
import { TagPicker, type TTagOption } from "./tag-picker";
import type { TToast } from "./toast";

export type TSelection = TRowSelection;
type TTag = { id: string; name: string; color: string };
type TReviewKind = "REMOVE" | "FOLLOW_UP";
type TReviewPending = { kind: "review"; review: TReviewKind; acknowledge?: boolean; reopenDecided?: boolean };
type TPending = { kind: "tag"; tag: TTag; op: "add" | "remove" } | TReviewPending;

type TBulkBarProps = {
  teamSlug: string;
  query: string;
  count: number;
  summary: string;
  selection: TSelection;
  tags: TTagOption[];
  /** The export of the table's filter; ticked rows are posted to it as `ids`. */
  exportHref: string;
  onToast: (t: Omit<TToast, "id">) => void;
  /** After a change, so rows loaded beyond the first page show it too. */
  onTagsChanged: (tag: TTag, op: "add" | "remove", selection: TSelection) => void;
  /** After an undo: what changed is only known to the server, so reload from the first page. */
  onReload: () => void;
  onClear: () => void;
};

const REVIEW_WORDS: Record<TReviewKind, string> = { REMOVE: "removal", FOLLOW_UP: "follow-up" };
const barButton =
  "inline-flex items-center gap-1 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/**
 * What can be done to the selection: tag, untag, queue for review, export. Acting on "all N
 * matching" first asks, with the number and the filter in words; a tag change can be undone from
 * the message that follows it.
 */
export function BulkBar({ teamSlug, query, count, summary, selection, tags, exportHref, onToast, onTagsChanged, onReload, onClear }: TBulkBarProps) {
  const [confirm, setConfirm] = useState<TPending | null>(null);
  // Removing protected people was refused with who and what is lost, or reopening decisions still in
  // force with who decided what: ask before proposing anyway.
  const [warning, setWarning] = useState<{ pending: TReviewPending; message: string; about: TReviewWarning } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = selection.allMatching ? count : selection.ids.length;
  const target = selection.allMatching ? { query } : { ids: selection.ids.join(",") };

  async function undo(changeId: string, tag: TTag, op: "add" | "remove") {
    const r = await runAction(undoTagChangeAction, teamSlug, { changeId });
    if (!r.ok) return onToast({ message: r.message ?? FALLBACK_ERROR, tone: "error" });
    onReload();
    const n = plural(Number(r.data?.count ?? 0), "connection");
    onToast({ message: op === "add" ? `Undone: “${tag.name}” taken off ${n} again.` : `Undone: “${tag.name}” put back on ${n}.` });
  }

  async function apply(p: TPending): Promise<string | null> {
    setBusy(true);
    setError(null);
    const r =
      p.kind === "tag"
        ? await runAction(changeTagsAction, teamSlug, { tagId: p.tag.id, op: p.op, ...target })
        : await runAction(addToReviewAction, teamSlug, {
            kind: p.review,
            ...target,
            acknowledgeProtected: p.acknowledge ? "true" : undefined,
            reopenDecided: p.reopenDecided ? "true" : undefined,
          });
    setBusy(false);
    // Protected people are asked about first; proposing them anyway may then meet a decision.
    if (!r.ok && p.kind === "review") {
      for (const about of ["protected", "decided"] as const) {
        const { field, flag } = REVIEW_WARNINGS[about];
        const message = p[flag] ? undefined : r.fieldErrors?.[field];
        if (!message) continue;
        setConfirm(null);
        setError(null);
        setWarning({ pending: p, message, about });
        return null;
      }
    }
    if (!r.ok) {
      const message = r.message ?? FALLBACK_ERROR;
      setError(message);
      return message;
    }
    setConfirm(null);
    setWarning(null);
    const changed = Number(r.data?.count ?? 0);
    if (p.kind === "review") {
      const skipped = n - changed;
      onToast({ message: `Added ${plural(changed, "connection")} to the review queue for ${REVIEW_WORDS[p.review]}.${skipped > 0 ? ` ${plural(skipped, "other was", "others were")} already waiting or no longer connected.` : ""}` });
      return null;
    }
    onTagsChanged(p.tag, p.op, selection);
    const changeId = r.data?.changeId ? String(r.data.changeId) : null;
    const message =
      changed === 0
        ? p.op === "add" ? `Nothing to change: all already had “${p.tag.name}”.` : `Nothing to change: none had “${p.tag.name}”.`
        : p.op === "add" ? `Tagged ${plural(changed, "connection")} with “${p.tag.name}”.` : `Removed “${p.tag.name}” from ${plural(changed, "connection")}.`;
    onToast({ message, action: changeId ? { label: "Undo", run: () => void undo(changeId, p.tag, p.op) } : undefined });
    return null;
  }

  // "All N matching" asks first; a ticked selection is applied at once (and can be undone).
  async function start(p: TPending): Promise<string | null> {
    if (!selection.allMatching) return apply(p);
    setError(null);
    setConfirm(p);
    return null;
  }

  async function createThenAdd(name: string): Promise<string | null> {
    const r = await runAction(createTagAction, teamSlug, { name });
    if (!r.ok || !r.data) return r.fieldErrors?.name ?? r.message ?? FALLBACK_ERROR;
    return start({ kind: "tag", tag: { id: String(r.data.tagId), name: String(r.data.name), color: String(r.data.color) }, op: "add" });
  }

  const picker = (op: "add" | "remove") => (close: () => void) => (
    <TagPicker
      tags={tags}
      allowCreate={op === "add"}
      inputLabel={op === "add" ? "Find or create a tag" : "Find a tag to remove"}
      onPick={async (tag) => {
        close();
        return start({ kind: "tag", tag, op });
      }}
      onCreate={async (name) => {
        const problem = await createThenAdd(name);
        if (!problem) close();
        return problem;
      }}
    />
  );

  return (
    <div role="toolbar" aria-label="Bulk actions" className="sticky bottom-4 z-20 mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-gray-900 px-4 py-2 text-sm text-white shadow-lg">
      <span className="mr-2 font-semibold" aria-live="polite">{selection.allMatching ? `All ${count.toLocaleString("en")} matching selected` : `${plural(n, "connection")} selected`}</span>
      <Popover label="Tag…" name="Tag the selection" side="top" buttonClassName={barButton}>{picker("add")}</Popover>
      <Popover label="Untag…" name="Remove a tag from the selection" side="top" buttonClassName={barButton}>{picker("remove")}</Popover>
      <Popover label="Add to review queue" name="Add to review queue" side="top" buttonClassName={barButton}>
        {(close) => (
          <div className="flex flex-col gap-1 text-gray-900">
            {(["REMOVE", "FOLLOW_UP"] as const).map((k) => (
              <button
                key={k}
                type="button"
                onClick={() => {
                  close();
                  void start({ kind: "review", review: k });
                }}
                className="rounded px-2 py-1.5 text-left text-sm hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                {k === "REMOVE" ? "As remove candidates" : "For follow-up"}
              </button>
            ))}
          </div>
        )}
      </Popover>
      <Popover label="Set reminder…" name="Set a reminder for the selection" side="top" buttonClassName={barButton} panelClassName="w-80 text-gray-900">
        {(close) => (
          <BulkReminderForm
            teamSlug={teamSlug}
            target={selection.allMatching ? { filter: query } : { ids: selection.ids }}
            allMatching={selection.allMatching ? { count, summary } : null}
            onDone={(message) => {
              close();
              onToast({ message });
            }}
          />
        )}
      </Popover>
      {selection.allMatching ? (
        <a href={exportHref} download className={barButton}>Export CSV</a>
      ) : (
        // Ticked rows are posted, not put in the URL: hundreds of ids make a URL servers refuse.
        // The answer is an attachment, so the browser downloads it and stays on this page.
        <form method="post" action={exportHref} className="contents">
          <input type="hidden" name="ids" value={selection.ids.join(",")} />
          <button type="submit" className={barButton}>Export CSV</button>
        </form>
      )}
      <button type="button" onClick={onClear} className="ml-auto rounded px-2 py-1.5 text-sm text-gray-200 underline hover:text-white focus-visible:outline-2 focus-visible:outline-white">
        Clear selection
      </button>

      {warning && (
        // Keyed by the question: a second one is a new dialog, with focus back on Cancel.
        <ReviewWarningDialog
          key={warning.about}
          about={warning.about}
          message={warning.message}
          pending={busy}
          error={error}
          onCancel={() => {
            setWarning(null);
            setError(null);
          }}
          onConfirm={() => void apply({ ...warning.pending, [REVIEW_WARNINGS[warning.about].flag]: true })}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={
            confirm.kind === "review"
              ? `Add ${plural(count, "connection")} to the review queue?`
              : confirm.op === "add" ? `Tag ${plural(count, "connection")} with “${confirm.tag.name}”?` : `Remove “${confirm.tag.name}” from ${plural(count, "connection")}?`
          }
          confirmLabel={confirm.kind === "review" ? "Add to review queue" : confirm.op === "add" ? "Add tag" : "Remove tag"}
          pending={busy}
          error={error}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void apply(confirm)}
        >
          <p>
            This applies to all <strong>{count.toLocaleString("en")}</strong> connections matching the filter, including those not loaded on this page:
          </p>
          <p className="rounded bg-gray-50 p-2 text-gray-900 ring-1 ring-gray-200" data-testid="confirm-summary">{summary}</p>
          {confirm.kind === "review" && <p>For {REVIEW_WORDS[confirm.review]}. People already waiting, or no longer connected, are left as they are.</p>}
          {confirm.kind === "tag" && <p>You can undo it from the message that follows.</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}
