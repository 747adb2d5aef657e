"use client";
import { useEffect, useId, useRef } from "react";
import { Button } from "@crm/ui";

const CHOICE_ROWS: Array<[string, string]> = [
  ["K", "Keep"],
  ["R", "Remove"],
  ["F", "Follow up (deciding: choose the due date, a week ahead unless you change it; Enter confirms)"],
  ["S", "Snooze (choose a date, Enter confirms)"],
];
/** An invitation card (withdraw_invitation): R withdraws, K keeps waiting, F does nothing. */
const INVITATION_ROWS: Array<[string, string]> = [
  ["K", "Keep waiting"],
  ["R", "Withdraw the invitation"],
  ["F", "Not available: an invitation has no follow-up"],
  ["S", "Snooze (choose a date, Enter confirms)"],
];
const ROWS: Array<[string, string]> = [
  ["C", "Write a comment (Escape leaves the box)"],
  ["U", "Undo the last action"],
  ["J or →", "Next card"],
  ["←", "Previous card"],
  ["?", "Show these keys"],
];

/** The keys, in a native modal dialog (Escape closes it; focus returns to where it was). */
export function KeyboardHelp({ canDecide, invitation = false, onClose }: { canDecide: boolean; invitation?: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      before?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-full max-w-md rounded-lg bg-white p-6 shadow-xl backdrop:bg-gray-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold text-gray-900">Keyboard shortcuts</h2>
      <p className="mt-1 text-sm text-gray-700">
        {invitation
          ? canDecide ? "K, R and S record your decision as the account owner (F is off for invitations)." : "K, R and S record your vote; the account owner decides (F is off for invitations)."
          : canDecide ? "K, R, F and S record your decision as the account owner." : "K, R, F and S record your vote; the account owner decides."}{" "}
        Keys do nothing while you type in a field.
      </p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {[...(invitation ? INVITATION_ROWS : CHOICE_ROWS), ...ROWS].map(([k, what]) => (
          <div key={k} className="contents">
            <dt><kbd className="rounded border border-gray-300 bg-gray-50 px-1.5 py-0.5 font-mono text-xs">{k}</kbd></dt>
            <dd className="text-gray-800">{what}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-5 flex justify-end">
        <Button autoFocus onClick={onClose}>Close</Button>
      </div>
    </dialog>
  );
}
