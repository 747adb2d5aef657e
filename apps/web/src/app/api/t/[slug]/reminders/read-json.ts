import type { z } from "zod";
import { readCappedText } from "@/lib/read-capped";
import { apiError } from "@/lib/route";

// The reminder routes' JSON bodies: read up to a cap (refused unread beyond it), parsed, checked
// against a strict zod schema; a failure names the field so the form can show it there.

export async function readJson<T>(req: Request, schema: z.ZodType<T>, maxBytes: number, hint: string): Promise<T | Response> {
  const text = await readCappedText(req, maxBytes).catch(() => null);
  if (text === null) return apiError(413, "PAYLOAD_TOO_LARGE", `The request is too large. ${hint}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "VALIDATION", `Send JSON. ${hint}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    return Response.json({ error: { code: "VALIDATION", message: `${field}: ${issue?.message ?? "not valid"}. ${hint}`, field } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  return parsed.data;
}

export const NO_STORE = { "Cache-Control": "no-store" };
