import "server-only";
import { invalid, isBudgetRefused } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { apiError } from "@/lib/route";

// Shared by the session's JSON routes (app/api/t/[slug]/removals/*): a tiny JSON body, and the
// budget refusal as 429 {error:{code, message, nextAllowedAt}} that the page counts down from.

const MAX_BYTES = 4 * 1024;

/** The JSON body, or a Response to send back (too large, not JSON). */
export async function jsonBody(req: Request): Promise<Record<string, unknown> | Response> {
  const text = await readCappedText(req, MAX_BYTES);
  if (text === null) return apiError(413, "PAYLOAD_TOO_LARGE", "The request is too large.");
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid("body", "Send a JSON object.");
}

/** A refused "Removed" as the API's 429 (the budget too, so the page updates its line), or null. */
export function refusalResponse(e: unknown): Response | null {
  if (!isBudgetRefused(e)) return null;
  const retry = Math.max(1, Math.ceil((e.nextAllowedAt.getTime() - Date.now()) / 1000));
  return Response.json(
    { error: { code: e.limit, message: e.message, nextAllowedAt: e.nextAllowedAt.toISOString() }, budget: e.budget },
    { status: 429, headers: { "Cache-Control": "no-store", "Retry-After": String(retry) } },
  );
}

export const noStore = { "Cache-Control": "no-store" } as const;
