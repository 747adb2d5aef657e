"use client";
import { useEffect, useRef } from "react";
import { Button } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { recordInvitationResponseAction } from "../actions";

// The owner's "I accepted" / "I ignored" after the guided link (and "Clear" to take it back).
// Each button names the person, so a screen reader's list of buttons is unambiguous.

export function ResponseButtons({ teamSlug, accountId, invitationId, name, current }: { teamSlug: string; accountId: string; invitationId: string; name: string; current: "accepted" | "ignored" | null }) {
  const { state, pending, onSubmit } = useFormAction(recordInvitationResponseAction);
  const formRef = useRef<HTMLFormElement>(null);
  // The pressed button is gone once the answer is saved: keep the keyboard user's place in this row.
  useEffect(() => {
    if (state?.ok && (document.activeElement === null || document.activeElement === document.body)) formRef.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [current, state]);
  const submitWith = (response: string) => (e: React.MouseEvent<HTMLButtonElement>) => {
    const form = e.currentTarget.form;
    if (form) (form.elements.namedItem("response") as HTMLInputElement).value = response;
  };
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" data-testid="invitation-response">
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <input type="hidden" name="response" defaultValue="" />
      {current !== "accepted" && (
        <Button type="submit" variant="secondary" className="px-2 py-1" disabled={pending} onClick={submitWith("accepted")} aria-label={`I accepted ${name}’s invitation`}>
          I accepted
        </Button>
      )}
      {current !== "ignored" && (
        <Button type="submit" variant="ghost" className="px-2 py-1" disabled={pending} onClick={submitWith("ignored")} aria-label={`I ignored ${name}’s invitation`}>
          I ignored
        </Button>
      )}
      {current !== null && (
        <Button type="submit" variant="ghost" className="px-2 py-1" disabled={pending} onClick={submitWith("undo")} aria-label={`Clear my answer for ${name}`}>
          Clear
        </Button>
      )}
      {state?.message && (
        <span role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-gray-700" : "text-red-700"}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
