import Link from "next/link";
import type { TImportDetails } from "@crm/core";

/** Says which saved column mapping read this file, so a wrong one is seen and can be changed. */
export function MappingUsedNote({ teamSlug, details }: { teamSlug: string; details: TImportDetails }) {
  if (!details.mappingId || !details.mapping) return null;
  const href = `/t/${teamSlug}/settings/imports?mapping=${encodeURIComponent(details.mappingId)}#mapping-${details.mappingId}`;
  return (
    <p className="mt-4 text-sm text-gray-700" data-testid="mapping-used">
      {details.mappingSource === "remembered"
        ? "This file’s columns were read with the mapping your team saved for these columns."
        : "This file’s columns were read with the mapping chosen for it, now remembered for files with the same columns."}{" "}
      <Link className="text-blue-800 underline" href={href}>Review or change the column mapping</Link>
    </p>
  );
}
