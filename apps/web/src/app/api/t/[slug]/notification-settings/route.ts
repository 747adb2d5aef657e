import { getMailPreferences, updateMailPreferences } from "@crm/core";
import { readCappedJson, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

// The caller's own email settings in this team. PATCH saves the fields sent (core validates them
// strictly and names the field it refuses); behind server.mjs's same-origin check.
const MAX_BYTES = 4 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

export const GET = teamRoute(async (_req, { team }) => Response.json(await getMailPreferences(team), { headers: NO_STORE }));

export const PATCH = teamRoute(async (req, { team }) => {
  const read = await readCappedJson(req, MAX_BYTES, {
    tooLarge: "The settings are a few fields; this request is too large.",
    notJson: "Send the settings as JSON, e.g. { \"digestEnabled\": false }.",
  });
  if ("response" in read) return read.response;
  return Response.json(await updateMailPreferences(team, read.body), { headers: NO_STORE });
});
