import { getRemovalPolicy, getWithdrawalPolicy, HARD_CAP, MAX_GAP_SECONDS, MAX_WEEKLY_LIMIT, MIN_GAP_SECONDS, WARN_ABOVE, WEEKLY_FACTOR, WITHDRAW_WARN_ABOVE } from "@crm/core";
import { AccountLinks } from "@/features/removals/components/account-links";
import { PolicyForm } from "@/features/removals/components/policy-form";
import { WithdrawalPolicyForm } from "@/features/withdrawals/components/withdrawal-policy-form";
import { dayTimeIn } from "@/features/removals/format";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Removal policy" };
export const dynamic = "force-dynamic";

/** One account's removal budget policy; changes apply from the next confirmed removal. */
export default async function RemovalPolicyPage({ params }: { params: Promise<{ slug: string; accountId: string }> }) {
  const { slug, accountId } = await pageParams(params);
  const team = await requireTeam(slug);
  const policy = await orNotFound(getRemovalPolicy(team, accountId));
  const withdrawals = await orNotFound(getWithdrawalPolicy(team, accountId));
  return (
    <div className="flex flex-col gap-6">
      <AccountLinks slug={team.slug} accountId={policy.accountId} current="policy" />
      <div className="flex max-w-3xl flex-col gap-2">
        <h1 className="text-2xl font-semibold">Removal policy: {policy.accountLabel}</h1>
        <p className="text-sm text-gray-700">
          How fast this account’s approved removals may go. Days are local days in {policy.timeZone.replace(/_/g, " ")}. Changes apply from the next
          confirmed removal and are recorded in the audit log.
        </p>
        {policy.updatedAt && (
          <p className="text-sm text-gray-600">
            Last changed by {policy.updatedBy?.name ?? "someone"} on <time dateTime={policy.updatedAt}>{dayTimeIn(policy.updatedAt, policy.timeZone)}</time>.
          </p>
        )}
      </div>
      <PolicyForm
        teamSlug={team.slug}
        policy={policy}
        limits={{ hardCap: HARD_CAP, warnAbove: WARN_ABOVE, minGap: MIN_GAP_SECONDS, maxGap: MAX_GAP_SECONDS, maxWeekly: MAX_WEEKLY_LIMIT, weeklyFactor: WEEKLY_FACTOR }}
      />
      <WithdrawalPolicyForm teamSlug={team.slug} policy={withdrawals} warnAbove={WITHDRAW_WARN_ABOVE} />
    </div>
  );
}
