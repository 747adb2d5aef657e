import "server-only";
import { z } from "zod";
import { testClockEnabled, type TSessionUser } from "@crm/core";
import { apiError, errorResponse, readCappedJson, refuseCrossSiteWithoutEdge } from "@/lib/route";
import { getCurrentUser } from "@/lib/session";

// Browser-test hooks (e2e/reminders.spec.ts). They exist only with CRM_TEST_CLOCK=1, which a real
// production deploy refuses (scripts/production-check.mjs); otherwise every call is the standard
// 404, as if there were nothing here. Even then they need a signed-in session.

const MAX_BYTES = 1024;

export function testRoute<T>(schema: z.ZodType<T>, handler: (input: T, user: TSessionUser) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    if (!testClockEnabled()) return apiError(404, "NOT_FOUND", "There is nothing at this address.");
    const refused = refuseCrossSiteWithoutEdge(req);
    if (refused) return refused;
    try {
      const user = await getCurrentUser();
      if (!user) return apiError(401, "UNAUTHENTICATED", "Your session has ended. Sign in again.");
      const read = await readCappedJson(req, MAX_BYTES, { tooLarge: "The request is too large.", notJson: "Send a JSON object.", empty: {} });
      if ("response" in read) return read.response;
      const parsed = schema.safeParse(read.body);
      if (!parsed.success) return apiError(400, "VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      return await handler(parsed.data, user);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
