import { getIcp } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Where the ICP's rescore stands; the profile page polls it while scores are being rewritten. */
export const GET = teamRoute<{ slug: string; icpId: string }>(async (_req, { team, params }) => {
  const icp = await getIcp(team, params.icpId);
  const { id, name, version, scoredVersion, rescoreProgress, scoredAt, bands } = icp;
  return Response.json({ id, name, version, scoredVersion, rescoreProgress, scoredAt, bands }, { headers: { "Cache-Control": "no-store" } });
});
