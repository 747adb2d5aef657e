"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { discardImportAction } from "../mapping-actions";

/** Throws away an import that waits for the user; the server makes a second click harmless. */
export function DiscardImportButton({ teamSlug, importId, fileName }: { teamSlug: string; importId: string; fileName: string }) {
  const router = useRouter();
  const f = useFormAction(discardImportAction);
  useEffect(() => {
    if (f.state?.ok) router.refresh();
  }, [f.state, router]);
  return (
    <form
      onSubmit={(e) => {
        if (!window.confirm(`Discard the import of ${fileName}? The uploaded file is deleted and nothing is imported.`)) e.preventDefault();
        else f.onSubmit(e);
      }}
    >
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="importId" value={importId} />
      <Button type="submit" variant="secondary" disabled={f.pending || !!f.state?.ok}>{f.pending ? "Discarding…" : "Discard this import"}</Button>
      {f.state?.ok === false && <p role="alert" className="mt-2 text-sm text-red-700">{f.state.message}</p>}
    </form>
  );
}
