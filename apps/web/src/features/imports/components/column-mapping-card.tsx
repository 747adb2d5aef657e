import type { TColumnMappingSummary } from "@crm/core";
import { MAPPING_FIELDS } from "../labels";
import { EditMappingForm, ForgetMappingButton } from "./mapping-settings-forms";

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** One remembered mapping: the file's columns, field → column, who saved it; editable by managers. */
export function ColumnMappingCard({ teamSlug, m, canManage, open }: { teamSlug: string; m: TColumnMappingSummary; canManage: boolean; open: boolean }) {
  const label = m.headers.join(", ");
  const mapping = m.mapping as Record<string, string | undefined>;
  return (
    <section id={`mapping-${m.id}`} aria-label={`Mapping for ${label}`} data-testid="column-mapping" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
      <h2 className="text-base font-semibold text-gray-900">Files with the columns</h2>
      <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="The file's columns">
        {m.headers.map((h, i) => <li key={i} className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-800 ring-1 ring-gray-200">{h}</li>)}
      </ul>
      <table className="mt-4 w-full max-w-xl text-left text-sm">
        <caption className="sr-only">Which column each field is read from</caption>
        <thead className="border-b text-gray-600"><tr><th scope="col" className="py-1.5 pr-3">Field</th><th scope="col">Column</th></tr></thead>
        <tbody>
          {MAPPING_FIELDS.map((f) => (
            <tr key={f.key} className="border-b last:border-0">
              <th scope="row" className="py-1.5 pr-3 font-normal text-gray-700">{f.label}</th>
              <td>{mapping[f.key] ? <span className="font-mono text-xs">{mapping[f.key]}</span> : <span className="text-gray-500">not read</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-gray-700">
        Saved {m.updatedByName ? `by ${m.updatedByName} ` : ""}on <time dateTime={m.updatedAt.toISOString()}>{dateFmt.format(m.updatedAt)}</time> ·{" "}
        used by {m.importsUsing.toLocaleString("en")} {m.importsUsing === 1 ? "import" : "imports"}
      </p>
      {canManage && (
        <div className="mt-4 flex flex-col gap-4">
          <details open={open} className="rounded-md ring-1 ring-gray-200">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-600">Change this mapping</summary>
            <div className="p-3"><EditMappingForm teamSlug={teamSlug} mappingId={m.id} headers={m.headers} mapping={mapping} /></div>
          </details>
          <ForgetMappingButton teamSlug={teamSlug} mappingId={m.id} label={label} />
        </div>
      )}
    </section>
  );
}
