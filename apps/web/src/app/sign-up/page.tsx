import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/features/auth/components/sign-up-form";
import { getCurrentUser } from "@/lib/session";
import { AuthShell } from "../auth-shell";

export const metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <AuthShell title="Create your account" footer={<>Already have an account? <Link className="font-medium text-blue-800 underline" href="/sign-in">Sign in</Link></>}>
      <p className="mb-4 text-sm text-gray-700">We create a team for you; invite teammates from its settings.</p>
      <SignUpForm />
    </AuthShell>
  );
}
