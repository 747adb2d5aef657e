import type { z } from "zod";
import { readCappedJson } from "@/lib/route";

// The reminder routes' JSON bodies: read up to a cap (refused unread beyond it), parsed, checked
// against a strict zod schema; a failure names the field so the form can show it there.

export async function readJson<T>(req: Request, schema: z.ZodType<T>, maxBytes: number, hint: string): Promise<T | Response> {
  const read = await readCappedJson(req, maxBytes, { tooLarge: `The request is too large. ${hint}`, notJson: `Send JSON. ${hint}` });
  if ("response" in read) return read.response;
  const parsed = schema.safeParse(read.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    // The schemas give each field a message a person can read (shown at that field in the form);
    // the shape as a whole being wrong is an API client's problem, so it gets the hint instead.
    const shape = !issue || issue.path.length === 0 || issue.code === "unrecognized_keys" || issue.code === "invalid_union";
    const message = shape ? `The request is not in the expected shape. ${hint}` : issue.message;
    return Response.json({ error: { code: "VALIDATION", message, field } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  return parsed.data;
}

export const NO_STORE = { "Cache-Control": "no-store" };

// Field messages shared by the reminder routes' schemas.
export const DATE_MSG = "Pick a date like 2026-12-24.";
export const ZONE_MSG = "Your browser did not say which time zone it is in; reload the page and try again.";
