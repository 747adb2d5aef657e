"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyColumnMapping, confirmImportScope } from "@crm/core";
import { teamAction } from "@/lib/action";
import { mappingFromInput, ZMappingColumns } from "./mapping-input";

export const applyMappingAction = teamAction(
  ZMappingColumns.extend({ importId: z.string().min(1).max(64) }),
  async (input, team) => {
    await applyColumnMapping(team, input.importId, mappingFromInput(input));
    revalidatePath(`/t/${team.slug}/imports/${input.importId}`);
    return { ok: true, message: "Mapping saved. Importing…" };
  },
);

// "Partial" or "whole network" for an import that would mark many people gone. Core makes the
// first answer the only transition; repeating it (a double click) is harmless. `wouldGo` is the
// number the page showed: "whole" is refused if the import has asked again with another one.
export const confirmImportScopeAction = teamAction(
  z.object({ importId: z.string().min(1).max(64), scope: z.enum(["partial", "whole"]), wouldGo: z.coerce.number().int().min(0).max(10_000_000).optional() }),
  async (input, team) => {
    const { scope } = await confirmImportScope(team, input.importId, input.scope, { expectedWouldGo: input.wouldGo });
    revalidatePath(`/t/${team.slug}/imports/${input.importId}`);
    return { ok: true, message: scope === "partial" ? "Applying as a partial list…" : "Applying as your whole network…" };
  },
);
