"use client";
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from "react";
import type { TReviewComment, TUserRef } from "@crm/core";
import { Button } from "@crm/ui";
import { formatDateTime } from "@/features/connections/labels";
import { Section } from "./card-sections";

// Comments with @mentions: typing "@" and a few letters lists matching teammates; ↑/↓ move, Enter
// or Tab inserts "@Full Name", Escape closes the list (a second Escape leaves the box, so the
// single-key shortcuts work again). Ctrl+Enter (⌘+Enter) posts.

const COMMENT_MAX = 2000;
const MENTION = /(^|\s)@([^@\n]{0,40})$/;
const SUGGESTIONS = 6;

type TProps = {
  comments: TReviewComment[];
  members: TUserRef[];
  inputRef: Ref<HTMLTextAreaElement>;
  onPost: (body: string) => Promise<{ ok: boolean; message: string; fieldErrors?: Record<string, string> }>;
  onLeave: () => void;
};

function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = MENTION.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

export function CommentBox({ comments, members, inputRef, onPost, onLeave }: TProps) {
  const [body, setBody] = useState("");
  const [caret, setCaret] = useState(0);
  const pendingCaret = useRef<{ el: HTMLTextAreaElement; pos: number } | null>(null);
  useLayoutEffect(() => {
    const p = pendingCaret.current;
    if (!p) return;
    pendingCaret.current = null;
    p.el.setSelectionRange(p.pos, p.pos);
  }, [body]);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const mention = closed ? null : mentionAt(body, caret);
  const q = mention?.query.toLowerCase() ?? "";
  const matches = mention ? members.filter((m) => m.name.toLowerCase().startsWith(q) || m.name.toLowerCase().includes(` ${q}`)).slice(0, SUGGESTIONS) : [];
  const open = matches.length > 0;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  function pick(m: TUserRef, el: HTMLTextAreaElement) {
    if (!mention) return;
    const before = body.slice(0, mention.start);
    const after = body.slice(caret);
    const next = `${before}@${m.name} ${after}`;
    const pos = before.length + m.name.length + 2;
    setBody(next);
    setCaret(pos);
    setActive(0);
    // Placed in the same commit as the new value (layout effect below), not in a later frame: a key
    // typed before that frame landed at the end and the caret then jumped back before it.
    pendingCaret.current = { el, pos };
  }

  async function post() {
    const text = body.trim();
    if (!text || pending) return;
    setPending(true);
    const r = await onPost(text);
    setPending(false);
    if (r.ok) {
      setBody("");
      setError(null);
    } else setError(r.fieldErrors?.body ?? r.message);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      setActive((activeIndex + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (open && (e.key === "Enter" || e.key === "Tab") && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      pick(matches[activeIndex]!, e.currentTarget);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (open) setClosed(true);
      else onLeave();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void post();
    }
  }

  const errorId = `${id}-error`;
  return (
    <Section title={`Comments (${comments.length})`} testId="comments">
      {comments.length > 0 && (
        <ul className="flex flex-col gap-2">
          {comments.map((c) => (
            <li key={c.id} className="rounded-md bg-gray-50 p-2 text-sm" data-testid="comment">
              <p className="text-xs text-gray-600">
                <span className="font-medium text-gray-800">{c.author?.name ?? "A former member"}</span> · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <p className="whitespace-pre-wrap text-gray-900">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="relative flex flex-col gap-1">
        <label htmlFor={`${id}-input`} className="text-sm font-medium text-gray-800">Add a comment</label>
        <textarea
          id={`${id}-input`}
          ref={inputRef}
          role="combobox"
          aria-multiline="true"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-activedescendant={open ? `${id}-opt-${activeIndex}` : undefined}
          aria-describedby={[`${id}-hint`, error ? errorId : ""].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          maxLength={COMMENT_MAX}
          rows={2}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setCaret(e.target.selectionStart);
            setClosed(false);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          className={`rounded-md border px-3 py-2 text-sm ${error ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
        />
        <ul id={`${id}-list`} role="listbox" aria-label="Teammates to mention" hidden={!open} className="absolute left-0 top-full z-10 mt-1 w-72 rounded-md bg-white py-1 shadow-lg ring-1 ring-gray-200">
          {matches.map((m, i) => (
            <li
              key={m.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              onMouseDown={(e) => {
                e.preventDefault();
                const el = document.getElementById(`${id}-input`) as HTMLTextAreaElement | null;
                if (el) pick(m, el);
              }}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === activeIndex ? "bg-blue-50 text-blue-900" : "text-gray-900"}`}
            >
              {m.name}
            </li>
          ))}
        </ul>
        <p id={`${id}-hint`} className="text-xs text-gray-600">Type @ to mention a teammate. Ctrl+Enter posts; Escape leaves the box.</p>
        {error && <p id={errorId} className="text-sm text-red-700">{error}</p>}
        <div>
          <Button variant="secondary" onClick={() => void post()} disabled={pending || !body.trim()}>{pending ? "Posting…" : "Post comment"}</Button>
        </div>
      </div>
    </Section>
  );
}
