import { queueCounts, REVIEW_KIND_CODES, type TReviewKindCode } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * The queue's live counts per view (TQueueCounts), for one LinkedIn account (`account`) or all of
 * them, and one kind of item (`kind`) or all. The queue page polls it while visible and after each bulk action. Another team's account
 * id is a 404 (the service looks it up inside the team).
 */
export const GET = teamRoute(async (req, { team }) => {
  const sp = new URL(req.url).searchParams;
  const account = sp.get("account");
  if (account !== null && (account.length === 0 || account.length > 64)) return apiError(400, "VALIDATION", "account must be a LinkedIn account id.");
  const kind = sp.get("kind");
  if (kind !== null && !(REVIEW_KIND_CODES as readonly string[]).includes(kind)) return apiError(400, "VALIDATION", `kind must be one of ${REVIEW_KIND_CODES.join(", ")}.`);
  const counts = await queueCounts(team, { accountId: account ?? undefined, kind: (kind as TReviewKindCode | null) ?? undefined });
  return Response.json(counts, { headers: { "Cache-Control": "no-store" } });
});
