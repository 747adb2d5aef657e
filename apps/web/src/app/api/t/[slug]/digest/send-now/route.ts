import { sendDigestNow } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

// "Send me this week's digest now": this member's digest for the current week, to their own
// address only. Core deduplicates by a 10-minute bucket, so double clicks send one email.
const MAX_BYTES = 1024;

export const POST = teamRoute(async (req, { team }) => {
  if ((await readCappedText(req, MAX_BYTES).catch(() => null)) === null) return apiError(413, "PAYLOAD_TOO_LARGE", "This request takes no body.");
  const result = await sendDigestNow(team);
  return Response.json({ sent: result.sent, reason: result.reason }, { headers: { "Cache-Control": "no-store" } });
});
