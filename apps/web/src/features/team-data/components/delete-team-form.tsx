"use client";
import { Alert, Button, Field } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { deleteTeamAction } from "../actions";

/**
 * Typing the name is the confirmation: no dialog to click through by habit. The server compares
 * it exactly and says what was wrong; on success it redirects away from the deleted team.
 */
export function DeleteTeamForm({ teamSlug, teamName }: { teamSlug: string; teamName: string }) {
  const { state, pending, onSubmit } = useFormAction(deleteTeamAction);
  const error = state?.fieldErrors?.confirmName;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Delete this team" noValidate>
      <input type="hidden" name="teamSlug" value={teamSlug} />
      {state && !state.ok && state.message && !error && <Alert tone="error">{state.message}</Alert>}
      <Field
        label="Type the team name to confirm"
        name="confirmName"
        autoComplete="off"
        spellCheck={false}
        hint={`The team name is “${teamName}”.`}
        error={error}
        required
        className="max-w-md"
      />
      <div>
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Deleting…" : "Delete this team and all its data"}</Button>
      </div>
    </form>
  );
}
