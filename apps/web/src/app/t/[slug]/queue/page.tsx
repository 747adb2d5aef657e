import Link from "next/link";
import { isDomainError, listIcpChoices, listReviewItems, queueCounts, REVIEW_PAGE_LIMITS } from "@crm/core";
import { Alert, buttonClass, Card } from "@crm/ui";
import { AccountPicker } from "@/features/review/components/queue/account-picker";
import { QueueEmpty } from "@/features/review/components/queue/queue-empty";
import { QueueFilters } from "@/features/review/components/queue/queue-filters";
import { QueueLiveProvider } from "@/features/review/components/queue/queue-live";
import { QueueTable } from "@/features/review/components/queue/queue-table";
import { QueueTabs } from "@/features/review/components/queue/queue-tabs";
import { countsUrl, filterOf, KIND_LABELS, parseQueueQuery, queuePath, VIEW_LABELS } from "@/features/review/queue-url";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Review queue" };

type TSearch = Record<string, string | string[] | undefined>;

/** A stale or hand-edited cursor is a validation error: show the first page's link instead of a crash. */
const badInput = (e: unknown) => isDomainError(e) && e.code === "VALIDATION";

// Bounded work per render (the 150 ms p95 budget): one page of 50 items, the counts and the ICP
// choices, all at once. Another team's account id is the standard 404.
export default async function QueuePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<TSearch> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const query = parseQueueQuery(await searchParams);
  const accountId = query.account ?? undefined;

  const [page, counts, icps] = await Promise.all([
    orNotFound(
      listReviewItems(team, { accountId, view: query.view, kind: query.kind ?? undefined, filter: filterOf(query.q), cursor: query.cursor ?? undefined, limit: REVIEW_PAGE_LIMITS.default }).catch((e) =>
        badInput(e) ? { items: [], nextCursor: null, problem: (e as Error).message } : Promise.reject(e),
      ),
    ),
    orNotFound(queueCounts(team, { accountId, kind: query.kind ?? undefined })),
    listIcpChoices(team),
  ]);
  const problem = "problem" in page ? page.problem : null;

  const slug = team.slug;
  const account = counts.accounts.find((a) => a.id === query.account) ?? null;
  const inView = query.account ? counts.accounts.filter((a) => a.id === query.account) : counts.accounts;
  const mayDecideSome = inView.some((a) => a.owner.id === team.userId);
  const summary = [
    VIEW_LABELS[query.view],
    account ? `account “${account.label}”` : "all accounts",
    query.kind ? `kind ${KIND_LABELS[query.kind]}` : null,
    query.q ? `matching “${query.q}”` : null,
  ].filter(Boolean).join(" · ");
  // The one-card flow takes the same scope as the list beside it (account, view, kind).
  const reviewHref = `/t/${slug}/queue/review?${new URLSearchParams({ ...(query.account ? { account: query.account } : {}), view: query.view, ...(query.kind ? { kind: query.kind } : {}) }).toString()}`;

  if (counts.accounts.length === 0) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Review queue</h1>
        <Card title="No LinkedIn network yet">
          <p className="text-sm text-gray-700">Add your LinkedIn account and upload its export; the queue then proposes who to keep, remove or follow up.</p>
          <div className="mt-3"><Link className={buttonClass("primary")} href={`/t/${slug}/accounts`}>Add your LinkedIn network</Link></div>
        </Card>
      </div>
    );
  }

  return (
    <QueueLiveProvider url={countsUrl(slug, query.account, query.kind)} initial={counts}>
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Review queue</h1>
          <div className="flex flex-wrap items-center gap-3">
            <AccountPicker teamSlug={slug} query={query} accounts={counts.accounts} />
            <Link className="rounded-md px-3 py-2 text-sm text-blue-800 underline hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600" href={`/t/${slug}/settings/queue-rules`}>Queue rules</Link>
            {page.items.length > 0 && <Link className={buttonClass("primary")} href={reviewHref}>Start reviewing</Link>}
          </div>
        </div>
        {icps.length === 0 && (
          <Alert tone="info">
            <p>
              <strong>Describe your ICP so the queue can propose people.</strong> Without an ideal customer profile nobody fits, so the queue cannot tell who to keep.{" "}
              <Link className="font-medium underline" href={`/t/${slug}/icps/new`}>Describe your ICP</Link>
            </p>
          </Alert>
        )}
        <QueueTabs teamSlug={slug} query={query} />
        <QueueFilters teamSlug={slug} query={query} />
        {problem ? (
          <Alert tone="error">
            <p>{problem} <Link className="font-medium underline" href={queuePath(slug, { ...query, cursor: null })}>Go to the first page</Link></p>
          </Alert>
        ) : (
          <QueueTable
            key={`${query.account}|${query.view}|${query.kind}|${query.q}|${query.cursor}`}
            teamSlug={slug}
            query={query}
            items={page.items}
            nextCursor={page.nextCursor}
            showAccount={!query.account && counts.accounts.length > 1}
            mayDecideSome={mayDecideSome}
            summary={summary}
            empty={<QueueEmpty teamSlug={slug} view={query.view} filtered={Boolean(query.kind || query.q || query.cursor)} hasIcp={icps.length > 0} />}
          />
        )}
      </div>
    </QueueLiveProvider>
  );
}
