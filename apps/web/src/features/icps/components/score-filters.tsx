import Form from "next/form";
import Link from "next/link";
import { FLAG_CODES, FLAG_LABELS } from "@crm/scoring";
import { Button, SelectField } from "@crm/ui";
import { BAND_LABELS, BANDS, type TScoreQuery } from "../labels";

/**
 * Filters live in the URL (a GET form), so a filtered view can be reloaded and shared, and works
 * before any JavaScript has loaded. Changing a filter starts again from the first page.
 */
export function ScoreFilters({ action, query }: { action: string; query: TScoreQuery }) {
  const filtered = !!(query.band || query.flag);
  return (
    // Keyed by the filters: after "Clear filters" the selects must show the URL again, not what was picked.
    <Form key={`${query.band ?? ""}:${query.flag ?? ""}`} action={action} className="flex flex-wrap items-end gap-3" aria-label="Filter scores">
      <SelectField
        label="Fit"
        name="band"
        defaultValue={query.band ?? ""}
        options={[{ value: "", label: "All" }, ...BANDS.map((b) => ({ value: b, label: BAND_LABELS[b] }))]}
      />
      <SelectField
        label="Flag"
        name="flag"
        defaultValue={query.flag ?? ""}
        options={[{ value: "", label: "Any" }, ...FLAG_CODES.map((f) => ({ value: f, label: FLAG_LABELS[f] }))]}
      />
      <Button type="submit" variant="secondary">Apply filters</Button>
      {filtered && <Link className="py-2 text-sm text-blue-800 underline" href={action}>Clear filters</Link>}
    </Form>
  );
}
