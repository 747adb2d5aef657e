"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import type { TImportDetails } from "@crm/core";
import { Button } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { confirmImportScopeAction } from "../actions";

type TConfirmation = NonNullable<TImportDetails["confirmation"]>;

const n = (x: number) => x.toLocaleString("en");
const people = (x: number) => `${n(x)} ${x === 1 ? "person" : "people"}`;

/** Why we stopped, in the user's numbers: "this file has 3 people; your account has 300". */
export function confirmationText(c: TConfirmation): string {
  // Another import of the account finished after the user answered: the number they agreed to is stale.
  const changed = c.previousWouldGo !== undefined
    ? ` We asked again because the account changed since you answered: it was ${people(c.previousWouldGo)}, it is now ${people(c.wouldGo)}.`
    : "";
  const sizes = `This file has ${people(c.filePeople)}; your account has ${n(c.accountConnected)} connected.`;
  if (c.reason === "other_tool") {
    return `${sizes} It is not a LinkedIn connections export (${c.format}), and such files usually list only part of a network. ` +
      `Applied as your whole network, it would mark ${people(c.wouldGo)} gone.${changed}`;
  }
  return `${sizes} Applied as your whole network, it would mark ${people(c.wouldGo)} gone: more than we mark without asking.${changed}`;
}

/**
 * The step before an import marks many people gone. Two forms, one answer each: the server makes
 * the first answer the only one (a double click or a second tab cannot apply it twice).
 */
export function ImportConfirmation({ teamSlug, importId, confirmation }: { teamSlug: string; importId: string; confirmation: TConfirmation }) {
  const router = useRouter();
  const partial = useFormAction(confirmImportScopeAction);
  const whole = useFormAction(confirmImportScopeAction);
  const done = !!partial.state?.ok || !!whole.state?.ok;
  const busy = partial.pending || whole.pending || done;
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);
  const error = [partial.state, whole.state].find((s) => s?.ok === false)?.message;
  const hidden = (scope: string) => (
    <>
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="importId" value={importId} />
      <input type="hidden" name="scope" value={scope} />
      <input type="hidden" name="wouldGo" value={confirmation.wouldGo} />
    </>
  );
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-gray-800" data-testid="confirmation-text">{confirmationText(confirmation)}</p>
      <p className="text-sm text-gray-700">Nothing has changed yet. A partial file adds new people and updates the ones it lists; nobody is marked gone.</p>
      <div className="flex flex-wrap gap-3">
        <form onSubmit={partial.onSubmit}>
          {hidden("partial")}
          <Button type="submit" disabled={busy}>{partial.pending ? "Applying…" : "Apply as partial (mark no one gone)"}</Button>
        </form>
        <form onSubmit={whole.onSubmit}>
          {hidden("whole")}
          <Button type="submit" variant="secondary" disabled={busy}>
            {whole.pending ? "Applying…" : `It is my whole network: mark ${n(confirmation.wouldGo)} gone`}
          </Button>
        </form>
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {done && <p role="status" className="text-sm text-gray-700">Importing…</p>}
    </div>
  );
}
