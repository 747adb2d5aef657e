import { getQueueRules, listIcpChoices, listTags, QUEUE_RULES_LIMITS, RULE_CODES, RULE_EXPLANATIONS, RULE_LABELS } from "@crm/core";
import { QueueRulesForm } from "@/features/queue-rules/components/queue-rules-form";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Queue rules" };

const timeFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function QueueRulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const [settings, tags, icps] = await Promise.all([getQueueRules(team), listTags(team), listIcpChoices(team)]);
  const texts = Object.fromEntries(RULE_CODES.map((c) => [c, { label: RULE_LABELS[c], explanation: RULE_EXPLANATIONS[c] }]));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Queue rules</h1>
      <div className="flex max-w-3xl flex-col gap-2 text-sm text-gray-700">
        <p>
          After every import, rescore and change to these rules, each LinkedIn account’s review queue is rebuilt from them. Every item in a
          queue says which rule put it there. Items someone already voted on or decided are never changed by a rebuild; items nobody touched
          close themselves when their reason goes away (for example, the person now fits a profile).
        </p>
        {settings.updatedAt && (
          <p className="text-gray-600">
            Last changed by {settings.updatedBy?.name ?? "someone"} on <time dateTime={settings.updatedAt}>{timeFmt.format(new Date(settings.updatedAt))} UTC</time>.
          </p>
        )}
      </div>
      <QueueRulesForm
        teamSlug={team.slug}
        rules={settings.rules}
        version={settings.version}
        canEdit={settings.canEdit}
        texts={texts}
        tags={tags.map((t) => ({ id: t.id, name: t.name }))}
        limits={QUEUE_RULES_LIMITS}
        hasIcp={icps.length > 0}
      />
    </div>
  );
}
