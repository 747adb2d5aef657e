import Form from "next/form";
import Link from "next/link";
import { Button, CheckboxField, SelectField } from "@crm/ui";

type TProps = {
  action: string;
  accounts: Array<{ id: string; label: string }>;
  /** null = every account. */
  selected: string[] | null;
  icps: Array<{ id: string; name: string }>;
  icpId?: string;
};

/**
 * The view lives in the URL (a GET form): reloadable, shareable, and it works before any
 * JavaScript has loaded. Accounts are checkboxes (one, several or all); the page turns the
 * repeated `account` values into the canonical `account=id1,id2`.
 */
export function InsightsFilters({ action, accounts, selected, icps, icpId }: TProps) {
  const chosen = new Set(selected ?? accounts.map((a) => a.id));
  if (accounts.length < 2 && icps.length < 2) return null;
  return (
    // Keyed by the view: after a navigation the controls show the URL again, not what was ticked.
    <Form key={`${selected?.join(",") ?? ""}:${icpId ?? ""}`} action={action} className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label="Choose what the insights cover">
      {accounts.length > 1 && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium text-gray-800">LinkedIn accounts</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {accounts.map((a) => <CheckboxField key={a.id} label={a.label} name="account" value={a.id} defaultChecked={chosen.has(a.id)} />)}
          </div>
        </fieldset>
      )}
      {icps.length > 1 && (
        <SelectField label="Ideal customer profile" name="icp" defaultValue={icpId ?? icps[0]?.id} options={icps.map((i) => ({ value: i.id, label: i.name }))} />
      )}
      <Button type="submit" variant="secondary">Show insights</Button>
      {(selected || icpId) && <Link className="py-2 text-sm text-blue-800 underline" href={action}>All accounts, first profile</Link>}
    </Form>
  );
}
