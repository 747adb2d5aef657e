import { getMailPreferences, updateMailPreferences } from "@crm/core";
import { readCappedText } from "@/lib/read-capped";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

// The caller's own email settings in this team. PATCH saves the fields sent (core validates them
// strictly and names the field it refuses); behind the proxy's same-origin check.
const MAX_BYTES = 4 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

export const GET = teamRoute(async (_req, { team }) => Response.json(await getMailPreferences(team), { headers: NO_STORE }));

export const PATCH = teamRoute(async (req, { team }) => {
  const text = await readCappedText(req, MAX_BYTES).catch(() => null);
  if (text === null) return apiError(413, "PAYLOAD_TOO_LARGE", "The settings are a few fields; this request is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "VALIDATION", "Send the settings as JSON, e.g. { \"digestEnabled\": false }.");
  }
  return Response.json(await updateMailPreferences(team, body), { headers: NO_STORE });
});
