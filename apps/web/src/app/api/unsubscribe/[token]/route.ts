import { topicPlural, unsubscribe } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { wellFormedParams } from "@/lib/route-params";
import { apiError, errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";

// The List-Unsubscribe target (RFC 8058). A mail provider POSTs "List-Unsubscribe=One-Click" here
// from its own servers: no cookie, no Origin or a foreign one (lib/same-origin.ts lets it through),
// and it does not follow redirects. So the POST answers 200 itself, reads no session, and is
// idempotent; the body is read (capped) and ignored. A GET — a person, a link scanner, a preview —
// changes nothing: it goes to the page that asks for a click.

const MAX_BODY_BYTES = 4 * 1024;
const NO_STORE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

type TParams = { params: Promise<{ token: string }> };

export async function GET(_req: Request, { params }: TParams): Promise<Response> {
  const p = await wellFormedParams(params);
  if (!p) return apiError(404, "NOT_FOUND", "This unsubscribe link is not valid.");
  // Relative Location (RFC 9110): right behind any proxy, whatever host the request came to.
  return new Response(null, { status: 303, headers: { Location: `/unsubscribe/${p.token}`, ...NO_STORE } });
}

export async function POST(req: Request, { params }: TParams): Promise<Response> {
  try {
    const p = await wellFormedParams(params);
    if (!p) return apiError(404, "NOT_FOUND", "This unsubscribe link is not valid. Change your email settings on the notification settings page instead.");
    if ((await readCappedText(req, MAX_BODY_BYTES).catch(() => null)) === null) return apiError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
    const r = await unsubscribe(p.token);
    if (!r.ok && r.reason === "invalid") {
      return apiError(404, "NOT_FOUND", "This unsubscribe link is not valid. Change your email settings on the notification settings page instead.");
    }
    if (!r.ok) return Response.json({ ok: true, already: true, message: "This team no longer exists, so it sends you nothing." }, { headers: NO_STORE });
    const message = !r.member
      ? `You are no longer a member of ${r.teamName}, so it sends you nothing.`
      : r.already
        ? `You were already unsubscribed from ${r.label} (${r.teamName}).`
        : `Unsubscribed: you will get no more ${topicPlural(r.topic)} from ${r.teamName}.`;
    return Response.json({ ok: true, topic: r.topic, already: r.already, member: r.member, message }, { headers: NO_STORE });
  } catch (e) {
    return errorResponse(e);
  }
}
