"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert, Button, Field } from "@crm/ui";
import { safeReturnPath } from "@/lib/safe-redirect";

function messageFor(error: string, status: number): string {
  if (status === 429 || error.startsWith("RateLimited")) {
    const seconds = Number(error.split(":")[1] ?? 0);
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `Too many failed sign-in attempts. Try again in ${seconds ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "a few minutes"}, or reset your password.`;
  }
  if (error === "CredentialsSignin") return "Email or password is incorrect.";
  return "Sign-in failed. Please try again.";
}

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    setPending(false);
    if (!res || res.error || !res.ok) {
      setError(messageFor(res?.error ?? "", res?.status ?? 0));
      return;
    }
    // Checked again here: the prop is a page prop today, but this line is where the browser goes.
    router.replace(safeReturnPath(callbackUrl));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending}>{pending ? "Signing in…" : "Sign in"}</Button>
    </form>
  );
}
