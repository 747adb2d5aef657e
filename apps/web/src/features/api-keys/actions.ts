"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@crm/core";
import { teamAction } from "@/lib/action";

// Core checks the caller is an owner or admin. The secret goes back to the browser exactly once,
// in this action's answer; only its hash is stored.

export const createApiKeyAction = teamAction(z.object({ name: z.string().max(500), scope: z.enum(["READ", "READ_WRITE"], "Choose read only or read and write.") }), async (input, team) => {
  const key = await createApiKey(team, input);
  revalidatePath(`/t/${team.slug}/settings/api-keys`);
  return { ok: true, message: `Created “${key.name}”.`, data: { secret: key.secret, name: key.name, scope: key.scope } };
});

export const revokeApiKeyAction = teamAction(z.object({ keyId: z.string().max(64) }), async (input, team) => {
  await revokeApiKey(team, input.keyId);
  revalidatePath(`/t/${team.slug}/settings/api-keys`);
  return { ok: true, message: "Key revoked. Requests with it are refused from now on." };
});
