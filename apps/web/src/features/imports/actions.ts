"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { applyColumnMapping } from "@crm/core";
import { teamAction } from "@/lib/action";
import { MAPPING_FIELDS } from "./labels";

const column = z.string().max(200).optional();

// Core checks that each column exists in the file and that people can be told apart; an empty
// select means "not in this file".
export const applyMappingAction = teamAction(
  z.object({
    importId: z.string().min(1).max(64),
    firstName: column, lastName: column, fullName: column, profileUrl: column,
    email: column, company: column, position: column, connectedOn: column,
  }),
  async (input, team) => {
    const mapping: Record<string, string> = {};
    for (const { key } of MAPPING_FIELDS) {
      const header = input[key];
      if (header) mapping[key] = header;
    }
    await applyColumnMapping(team, input.importId, mapping);
    revalidatePath(`/t/${team.slug}/imports/${input.importId}`);
    return { ok: true, message: "Mapping saved. Importing…" };
  },
);
