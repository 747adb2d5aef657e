import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/features/auth/components/sign-in-form";
import { safeReturnPath } from "@/lib/safe-redirect";
import { getCurrentUser } from "@/lib/session";
import { AuthShell } from "../auth-shell";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const sp = await searchParams;
  // Only same-site paths are accepted as a return address (no open redirect).
  const callbackUrl = safeReturnPath(sp.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <AuthShell
      title="Sign in"
      footer={<>New here? <Link className="font-medium text-blue-800 underline" href={`/sign-up${sp.callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>Create an account</Link></>}
    >
      <SignInForm callbackUrl={callbackUrl} defaultEmail={sp.email} />
      <p className="mt-4 text-sm"><Link className="text-blue-800 underline" href="/forgot-password">Forgot your password?</Link></p>
    </AuthShell>
  );
}
