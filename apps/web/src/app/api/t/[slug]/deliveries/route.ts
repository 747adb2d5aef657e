import { listTeamDeliveries } from "@crm/core";
import { keysetPageQuery, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** One page of the team's emails (owners and admins), newest first; ?failed=1 for failed ones only. */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const keyset = keysetPageQuery(params);
  if (keyset instanceof Response) return keyset;
  const page = await listTeamDeliveries(team, { ...keyset, failedOnly: params.get("failed") === "1" });
  return Response.json(page, { headers: NO_STORE });
});
