import { notFound } from "next/navigation";
import { claimNextItem, isDomainError, listMembers, queueCounts, type TReviewKindCode, type TTeamContext } from "@crm/core";
import { ReviewFlow } from "@/features/review/components/card/review-flow";
import { parseQueueQuery } from "@/features/review/queue-url";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Review" };
export const dynamic = "force-dynamic";

/** "X of Y left" is secondary: without counts the flow still works (another team's account is still a 404). */
async function countsOrNull(team: TTeamContext, accountId: string | undefined, kind: TReviewKindCode | undefined) {
  try {
    return await queueCounts(team, { accountId, kind });
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    console.error("queue counts failed:", e);
    return null;
  }
}

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one-card flow for ?account=&view=&kind= (all accounts when no account). The first card is
 * claimed here, so the page is useful as soon as it arrives; the flow claims the next ones itself.
 */
export default async function ReviewPage({ params, searchParams }: TProps) {
  const { slug } = await pageParams(params);
  const team = await requireTeam(slug);
  const q = parseQueueQuery(await searchParams);
  const scope = { accountId: q.account ?? undefined, view: q.view, kind: q.kind ?? undefined };
  // Another team's (or a made-up) account id is a 404 from either service.
  const [counts, card, members] = await Promise.all([countsOrNull(team, scope.accountId, scope.kind), orNotFound(claimNextItem(team, scope)), listMembers(team)]);
  const scopeLabel = scope.accountId ? (counts?.accounts.find((a) => a.id === scope.accountId)?.label ?? card?.account.label ?? "This account") : "All accounts";
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <ReviewFlow
        key={`${scope.accountId ?? ""}:${scope.view}:${scope.kind ?? ""}`}
        teamSlug={team.slug}
        viewerId={team.userId}
        members={members.filter((m) => m.userId !== team.userId).map((m) => ({ id: m.userId, name: m.name }))}
        scope={scope}
        scopeLabel={scopeLabel}
        initial={card}
        initialLeft={counts?.[scope.view] ?? (card ? 1 : 0)}
      />
    </div>
  );
}
