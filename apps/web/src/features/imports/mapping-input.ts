import { z } from "zod";
import { MAPPING_FIELDS } from "./labels";

// The column-mapping form, wherever it is shown (an import waiting for a mapping, or the settings
// page): one select per field; an empty select means "not in this file". Core checks that each
// column exists and that people can be told apart.

const column = z.string().max(200).optional();

export const ZMappingColumns = z.object({
  firstName: column, lastName: column, fullName: column, profileUrl: column,
  email: column, company: column, position: column, connectedOn: column,
});

export function mappingFromInput(input: z.infer<typeof ZMappingColumns>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const { key } of MAPPING_FIELDS) {
    const header = input[key];
    if (header) mapping[key] = header;
  }
  return mapping;
}
