import Link from "next/link";
import { isDomainError, previewInvitation } from "@crm/core";
import { Alert } from "@crm/ui";
import { AcceptInvitationButton } from "@/features/auth/components/accept-invitation";
import { SignOutButton } from "@/features/auth/components/sign-out-button";
import { SignUpForm } from "@/features/auth/components/sign-up-form";
import { getCurrentUser } from "@/lib/session";
import { pageParams } from "@/lib/team";
import { AuthShell } from "../../auth-shell";

export const metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await pageParams(params);
  const here = `/invite/${token}`;
  let inv;
  try {
    inv = await previewInvitation(token);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return <AuthShell title="Invitation"><Alert tone="error">{e.message}</Alert></AuthShell>;
  }
  if (inv.message) return <AuthShell title={`Join ${inv.teamName}`}><Alert tone="error">{inv.message}</Alert></AuthShell>;

  const user = await getCurrentUser();
  const role = inv.role.toLowerCase();
  if (user && user.email !== inv.email) {
    return (
      <AuthShell title={`Join ${inv.teamName}`}>
        <Alert tone="error">
          This invitation was sent to {inv.email}, but you are signed in as {user.email}. Sign out, then open this link
          again and sign in (or sign up) with {inv.email}.
        </Alert>
        <div className="mt-4"><SignOutButton /></div>
      </AuthShell>
    );
  }
  if (user) {
    return (
      <AuthShell title={`Join ${inv.teamName}`}>
        <p className="mb-4 text-gray-700">You were invited to join <strong>{inv.teamName}</strong> as {role}.</p>
        <AcceptInvitationButton token={token} teamName={inv.teamName} />
      </AuthShell>
    );
  }
  const signIn = `/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(inv.email)}`;
  return (
    <AuthShell title={`Join ${inv.teamName}`} footer={<>Already have an account? <Link className="font-medium text-blue-800 underline" href={signIn}>Sign in to accept</Link></>}>
      <p className="mb-4 text-gray-700">You were invited to join <strong>{inv.teamName}</strong> as {role}.</p>
      {inv.emailHasAccount ? (
        <p><Link className="font-medium text-blue-800 underline" href={signIn}>Sign in as {inv.email} to accept</Link></p>
      ) : (
        <SignUpForm invitation={{ token, email: inv.email }} />
      )}
    </AuthShell>
  );
}
