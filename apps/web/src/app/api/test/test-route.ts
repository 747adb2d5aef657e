import "server-only";
import { z } from "zod";
import { testClockEnabled, type TSessionUser } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { apiError, errorResponse } from "@/lib/route";
import { getCurrentUser } from "@/lib/session";

// Browser-test hooks (e2e/reminders.spec.ts). They exist only with CRM_TEST_CLOCK=1, which a real
// production deploy refuses (scripts/production-check.mjs); otherwise every call is the standard
// 404, as if there were nothing here. Even then they need a signed-in session.

const MAX_BYTES = 1024;

export function testRoute<T>(schema: z.ZodType<T>, handler: (input: T, user: TSessionUser) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    if (!testClockEnabled()) return apiError(404, "NOT_FOUND", "There is nothing at this address.");
    try {
      const user = await getCurrentUser();
      if (!user) return apiError(401, "UNAUTHENTICATED", "Your session has ended. Sign in again.");
      const text = await readCappedText(req, MAX_BYTES);
      if (text === null) return apiError(413, "PAYLOAD_TOO_LARGE", "The request is too large.");
      let body: unknown;
      try {
        body = JSON.parse(text || "{}");
      } catch {
        return apiError(400, "VALIDATION", "Send a JSON object.");
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) return apiError(400, "VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      return await handler(parsed.data, user);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
