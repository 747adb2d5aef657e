import Link from "next/link";
import { ForgotPasswordForm } from "@/features/auth/components/password-forms";
import { AuthShell } from "../auth-shell";

export const metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <AuthShell title="Reset your password" footer={<Link className="text-blue-800 underline" href="/sign-in">Back to sign in</Link>}>
      <p className="mb-4 text-sm text-gray-700">Enter the email you signed up with and we&apos;ll send you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </AuthShell>
  );
}
