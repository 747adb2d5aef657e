"use client";
import { useId, useState, type FormEvent } from "react";
import type { TNote } from "@crm/core";
import { Alert, Button } from "@crm/ui";
import { addNoteAction, deleteNoteAction, editNoteAction } from "../actions";
import { formatDateTime, relativeTime } from "../labels";
import { runAction } from "../run-action";

type TNotesProps = { teamSlug: string; connectionId: string; notes: TNote[]; now: number; onChanged: () => Promise<void> | void };

const textareaClass = "w-full rounded-md border border-gray-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

function NoteItem({ teamSlug, note, now, onChanged }: { teamSlug: string; note: TNote; now: number; onChanged: () => Promise<void> | void }) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [body, setBody] = useState(note.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editId = useId();

  async function run(p: ReturnType<typeof runAction>) {
    setBusy(true);
    setError(null);
    const r = await p;
    if (r.ok) {
      await onChanged();
      setMode("view");
    } else setError(r.fieldErrors?.body ?? r.message ?? null);
    setBusy(false);
  }

  return (
    <li className="rounded-md bg-gray-50 p-3 ring-1 ring-gray-200" data-testid="note">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-gray-600">
        <span>
          <span className="font-semibold text-gray-900">{note.authorName}</span> ·{" "}
          <time dateTime={note.createdAt} title={formatDateTime(note.createdAt)}>{relativeTime(note.createdAt, now)}</time>
          {note.editedAt && <span title={`Edited ${formatDateTime(note.editedAt)}`}> · edited</span>}
        </span>
        {mode === "view" && (note.canEdit || note.canDelete) && (
          <span className="flex gap-1">
            {note.canEdit && (
              <button type="button" onClick={() => { setBody(note.body); setMode("edit"); }} className="rounded px-1.5 py-0.5 text-blue-800 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600">
                Edit<span className="sr-only"> note from {formatDateTime(note.createdAt)}</span>
              </button>
            )}
            {note.canDelete && (
              <button type="button" onClick={() => setMode("delete")} className="rounded px-1.5 py-0.5 text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-600">
                Delete<span className="sr-only"> note from {formatDateTime(note.createdAt)}</span>
              </button>
            )}
          </span>
        )}
      </div>
      {mode === "edit" ? (
        <form
          className="mt-2 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(runAction(editNoteAction, teamSlug, { noteId: note.id, body }));
          }}
        >
          <label htmlFor={editId} className="sr-only">Edit note</label>
          <textarea id={editId} autoFocus rows={4} value={body} onChange={(e) => setBody(e.target.value)} className={textareaClass} />
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex gap-2">
            <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Save note"}</Button>
            <Button variant="secondary" onClick={() => setMode("view")} disabled={busy}>Cancel</Button>
          </div>
        </form>
      ) : (
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-gray-900">{note.body}</p>
      )}
      {mode === "delete" && (
        <div className="mt-2 flex flex-col gap-2 rounded-md bg-red-50 p-2 ring-1 ring-red-200" role="group" aria-label="Confirm note deletion">
          <p className="text-sm text-red-900">Delete this note for everyone in the team?</p>
          {error && <Alert tone="error">{error}</Alert>}
          <div className="flex gap-2">
            <Button variant="danger" onClick={() => void run(runAction(deleteNoteAction, teamSlug, { noteId: note.id }))} disabled={busy}>{busy ? "Deleting…" : "Delete note"}</Button>
            <Button autoFocus variant="secondary" onClick={() => setMode("view")} disabled={busy}>Cancel</Button>
          </div>
        </div>
      )}
    </li>
  );
}

/** The team's notes on one person: anyone adds one; its author edits it; author or admin deletes. */
export function NotesSection({ teamSlug, connectionId, notes, now, onChanged }: TNotesProps) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await runAction(addNoteAction, teamSlug, { connectionId, body });
    if (r.ok) {
      setBody("");
      await onChanged();
    } else setError(r.fieldErrors?.body ?? r.message ?? null);
    setBusy(false);
  }

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={add} className="flex flex-col gap-2">
        <label htmlFor={id} className="text-sm font-medium text-gray-800">Add a note</label>
        <textarea
          id={id}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter saves, as in most note fields.
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void add(e);
          }}
          placeholder="What should the team know about this person?"
          aria-invalid={error ? true : undefined}
          className={textareaClass}
        />
        {error && <Alert tone="error">{error}</Alert>}
        <div>
          <Button type="submit" disabled={busy || !body.trim()}>{busy ? "Adding…" : "Add note"}</Button>
        </div>
      </form>
      {notes.length === 0 ? (
        <p className="text-sm text-gray-600">No notes yet.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Notes">
          {notes.map((n) => <NoteItem key={`${n.id}:${n.updatedAt}`} teamSlug={teamSlug} note={n} now={now} onChanged={onChanged} />)}
        </ul>
      )}
    </div>
  );
}
