"use client";
import { useState } from "react";
import { Alert, Button } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { deleteIcpAction } from "../actions";

/** Delete asks first, inline: the confirmation says what goes (the profile and all its scores). */
export function DeleteIcpButton({ teamSlug, icpId, name }: { teamSlug: string; icpId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const { state, pending, onSubmit } = useFormAction(deleteIcpAction);

  if (!confirming) return <Button variant="danger" onClick={() => setConfirming(true)}>Delete</Button>;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 rounded-md bg-red-50 p-3 ring-1 ring-red-200" aria-label="Confirm deletion">
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="icpId" value={icpId} />
      <p className="text-sm text-red-900">Delete “{name}” and all its scores? This cannot be undone.</p>
      {state && !state.ok && state.message && <Alert tone="error">{state.message}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending || !!state?.ok}>{pending ? "Deleting…" : "Delete profile"}</Button>
        {/* Focus lands on the choice just revealed, on its safe side: Enter does not delete. */}
        <Button autoFocus variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>Cancel</Button>
      </div>
    </form>
  );
}
