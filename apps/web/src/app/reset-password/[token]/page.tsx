import Link from "next/link";
import { checkPasswordResetToken, isDomainError } from "@crm/core";
import { Alert } from "@crm/ui";
import { ResetPasswordForm } from "@/features/auth/components/password-forms";
import { pageParams } from "@/lib/team";
import { AuthShell } from "../../auth-shell";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await pageParams(params);
  let email: string;
  try {
    ({ email } = await checkPasswordResetToken(token));
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return (
      <AuthShell title="Choose a new password">
        <Alert tone="error">{e.message}</Alert>
        <p className="mt-4 text-sm"><Link className="text-blue-800 underline" href="/forgot-password">Send a new link</Link></p>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password">
      <p className="mb-4 text-sm text-gray-700">For {email}. Every signed-in session will be signed out.</p>
      <ResetPasswordForm token={token} email={email} />
    </AuthShell>
  );
}
