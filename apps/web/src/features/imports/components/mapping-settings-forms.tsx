"use client";
import { Alert, Button } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { forgetMappingAction, updateMappingAction } from "../mapping-actions";
import { MappingFields } from "./column-mapping-form";

/** Changes a remembered mapping in place; the page re-renders with the saved values. */
export function EditMappingForm({ teamSlug, mappingId, headers, mapping }: {
  teamSlug: string; mappingId: string; headers: string[]; mapping: Record<string, string | undefined>;
}) {
  const { state, pending, onSubmit } = useFormAction(updateMappingAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {state?.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="mappingId" value={mappingId} />
      <MappingFields headers={headers} initial={mapping} errors={state?.fieldErrors} />
      <div><Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save changes"}</Button></div>
    </form>
  );
}

/** Forgets a mapping after a confirmation: the next file with these columns asks again. */
export function ForgetMappingButton({ teamSlug, mappingId, label }: { teamSlug: string; mappingId: string; label: string }) {
  const f = useFormAction(forgetMappingAction);
  return (
    <form
      onSubmit={(e) => {
        if (!window.confirm(`Forget the mapping for ${label}? The next file with these columns will ask which column holds what.`)) e.preventDefault();
        else f.onSubmit(e);
      }}
    >
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="mappingId" value={mappingId} />
      <Button type="submit" variant="danger" disabled={f.pending || !!f.state?.ok}>Forget this mapping<span className="sr-only"> for {label}</span></Button>
      {f.state?.ok === false && <p role="alert" className="mt-2 text-sm text-red-700">{f.state.message}</p>}
    </form>
  );
}
