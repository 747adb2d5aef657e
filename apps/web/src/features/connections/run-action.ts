import type { TActionState } from "@/lib/action";
import { FALLBACK_ERROR } from "./labels";

type TAction = (prev: TActionState, data: FormData) => Promise<TActionState>;

/**
 * Calls a server action from an event handler with plain fields (teamAction reads FormData).
 * A network failure becomes the same kind of answer as a refusal, so callers handle one shape.
 */
export async function runAction(action: TAction, teamSlug: string, fields: Record<string, string | undefined>): Promise<NonNullable<TActionState>> {
  const data = new FormData();
  data.set("teamSlug", teamSlug);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data.set(k, v);
  try {
    return (await action(null, data)) ?? { ok: true };
  } catch {
    return { ok: false, message: FALLBACK_ERROR };
  }
}
