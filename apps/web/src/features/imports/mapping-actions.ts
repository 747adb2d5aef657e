"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { discardImport, forgetColumnMapping, updateColumnMapping } from "@crm/core";
import { teamAction } from "@/lib/action";
import { mappingFromInput, ZMappingColumns } from "./mapping-input";

// Remembered column mappings (settings) and discarding a waiting import. Core checks the tenant,
// the role, and that every column exists; these only shape the form.

const id = z.string().min(1).max(64);

export const updateMappingAction = teamAction(
  ZMappingColumns.extend({ mappingId: id }),
  async (input, team) => {
    await updateColumnMapping(team, input.mappingId, mappingFromInput(input));
    revalidatePath(`/t/${team.slug}/settings/imports`);
    return { ok: true, message: "Mapping saved. The next file with these columns is read this way." };
  },
);

export const forgetMappingAction = teamAction(z.object({ mappingId: id }), async (input, team) => {
  await forgetColumnMapping(team, input.mappingId);
  revalidatePath(`/t/${team.slug}/settings/imports`);
  return { ok: true, message: "Mapping forgotten. The next file with these columns will ask again." };
});

export const discardImportAction = teamAction(z.object({ importId: id }), async (input, team) => {
  await discardImport(team, input.importId);
  revalidatePath(`/t/${team.slug}/imports/${input.importId}`);
  return { ok: true, message: "Import discarded. The uploaded file was deleted." };
});
