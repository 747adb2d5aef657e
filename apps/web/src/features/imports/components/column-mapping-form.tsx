"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Alert, Button, SelectField } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { applyMappingAction } from "../actions";
import { guessMapping, MAPPING_FIELDS } from "../labels";

const NOT_IN_FILE = "— not in this file —";

/** For a file whose columns we do not recognise: the user says which column holds what. */
export function ColumnMappingForm({ teamSlug, importId, headers, sample, saved }: {
  teamSlug: string; importId: string; headers: string[]; sample: string[][]; saved?: Record<string, string>;
}) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction(applyMappingAction);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const initial = saved && Object.keys(saved).length ? saved : guessMapping([...new Set(headers)]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      {state?.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="importId" value={importId} />
      <SampleTable headers={headers} sample={sample} />
      <MappingFields headers={headers} initial={initial} errors={state?.fieldErrors} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || !!state?.ok}>{pending ? "Saving…" : "Save mapping and import"}</Button>
      </div>
    </form>
  );
}

/** One select per field, offering the file's columns; shared by the import's mapping step and settings. */
export function MappingFields({ headers, initial, errors = {} }: {
  headers: string[]; initial: Record<string, string | undefined>; errors?: Record<string, string>;
}) {
  const options = [{ value: "", label: NOT_IN_FILE }, ...[...new Set(headers)].map((h) => ({ value: h, label: h }))];
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm text-gray-700">
        Choose the column for each field. Map at least the profile URL, the email, or the name columns: they are how we tell people apart.
      </legend>
      {MAPPING_FIELDS.map((f) => (
        <SelectField key={f.key} label={f.label} name={f.key} options={options} defaultValue={initial[f.key] ?? ""} error={errors[f.key]} />
      ))}
    </fieldset>
  );
}

function SampleTable({ headers, sample }: { headers: string[]; sample: string[][] }) {
  if (sample.length === 0) return <p className="text-sm text-gray-700">The file has no data rows to show.</p>;
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-gray-200">
      <table className="w-full text-left text-xs">
        <caption className="bg-gray-50 px-3 py-2 text-left text-sm font-medium text-gray-800">The first rows of your file</caption>
        <thead className="border-b bg-gray-50 text-gray-700">
          <tr>{headers.map((h, i) => <th key={i} scope="col" className="whitespace-nowrap px-3 py-2">{h || `Column ${i + 1}`}</th>)}</tr>
        </thead>
        <tbody>
          {sample.slice(0, 5).map((row, r) => (
            <tr key={r} className="border-b last:border-0">
              {headers.map((_, c) => <td key={c} className="max-w-48 truncate px-3 py-1.5" title={row[c]}>{row[c]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
