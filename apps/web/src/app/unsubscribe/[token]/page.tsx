import Link from "next/link";
import { previewUnsubscribe } from "@crm/core";
import { Alert } from "@crm/ui";
import { UnsubscribeConfirm } from "@/features/notification-settings/components/unsubscribe-confirm";
import { pageParams } from "@/lib/team";
import { AuthShell } from "../../auth-shell";

// Reached from an email footer, without a session. Opening it changes nothing (mail scanners and
// link previews open links too); the button does. The token is in the URL, so no referrer leaves.
export const metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await pageParams(params);
  const preview = await previewUnsubscribe(token);
  if (!preview) {
    return (
      <AuthShell title="Unsubscribe">
        <Alert tone="error">
          This unsubscribe link is not valid: it may be cut short or mistyped. Copy the whole link from the email, or sign in and change
          your email settings under Settings → Notifications.
        </Alert>
        <p className="mt-4"><Link className="font-medium text-blue-800 underline" href="/sign-in">Sign in</Link></p>
      </AuthShell>
    );
  }
  const settings = `/t/${preview.teamSlug}/settings/notifications`;
  const settingsLink = <Link className="font-medium text-blue-800 underline" href={settings}>Change all your email settings</Link>;
  if (!preview.member) {
    return (
      <AuthShell title="Unsubscribe">
        <Alert tone="info">You are no longer a member of {preview.teamName}, so it sends you no emails. There is nothing to unsubscribe from.</Alert>
      </AuthShell>
    );
  }
  if (!preview.subscribed) {
    return (
      <AuthShell title="Unsubscribe" footer={<>{settingsLink} (sign-in needed).</>}>
        <Alert tone="info">You are already unsubscribed from {preview.label} ({preview.teamName}).</Alert>
      </AuthShell>
    );
  }
  return (
    // The settings link is the confirmation's own (one link at a time: "change all", then "turn it back on").
    <AuthShell title="Unsubscribe">
      <UnsubscribeConfirm token={token} label={preview.label} teamName={preview.teamName} settingsHref={settings} />
    </AuthShell>
  );
}
