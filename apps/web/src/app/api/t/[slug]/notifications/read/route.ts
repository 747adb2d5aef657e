import { z } from "zod";
import { markNotificationsRead } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

// {ids: [...]} when one is opened, {all: true} for "Mark all as read". Behind server.mjs's
// same-origin check; the body is a few ids, so anything large is refused unread.
const MAX_BYTES = 16 * 1024;
const ZReadInput = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const POST = teamRoute(async (req, { team }) => {
  const text = await readCappedText(req, MAX_BYTES).catch(() => null);
  if (text === null) return apiError(413, "PAYLOAD_TOO_LARGE", "Send at most 100 notification ids at once.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "VALIDATION", "Send JSON: { \"ids\": [\"…\"] } or { \"all\": true }.");
  }
  const parsed = ZReadInput.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "ids";
    return Response.json({ error: { code: "VALIDATION", message: `${field}: send { "ids": [up to 100 ids] } or { "all": true }.`, field } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const result = await markNotificationsRead(team, parsed.data);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
