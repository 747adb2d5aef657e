import { EMAIL_KIND_LABELS, EMAIL_KINDS, getMailPreferences } from "@crm/core";
import { NotificationSettingsForm } from "@/features/notification-settings/components/notification-settings-form";
import { SendDigestNow } from "@/features/notification-settings/components/send-digest-now";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Notification settings" };
export const dynamic = "force-dynamic";

// The server's zone list goes to the browser, so server and client render the same options.
const ZONES = [...Intl.supportedValuesOf("timeZone"), "UTC"];

export default async function NotificationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const prefs = await getMailPreferences(team);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Notification settings</h1>
      <p className="max-w-3xl text-sm text-gray-700">
        Your own email settings for {team.teamName}; teammates choose theirs. Every email has an unsubscribe link that changes these settings.
      </p>
      <NotificationSettingsForm slug={team.slug} initial={prefs} kinds={EMAIL_KINDS.map((kind) => ({ kind, label: EMAIL_KIND_LABELS[kind] }))} zones={ZONES} />
      <SendDigestNow slug={team.slug} />
    </div>
  );
}
