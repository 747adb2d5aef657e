"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert, Button, Field } from "@crm/ui";
import { signUpAction } from "../actions";
import { useFormAction } from "./use-form-action";

/**
 * Open sign-up answers "check your email" for every address (whether it already had an account
 * is said only in the email). An invitation sign-up joins the team and signs in at once.
 */
export function SignUpForm({ invitation }: { invitation?: { token: string; email: string } }) {
  const router = useRouter();
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const { state, pending, onSubmit } = useFormAction(signUpAction, {
    onSubmitData: (f) => {
      credentials.current = { email: String(f.get("email")), password: String(f.get("password")) };
    },
  });
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    const slug = state?.ok ? state.data?.slug : undefined;
    if (typeof slug !== "string" || !credentials.current) return;
    void signIn("credentials", { ...credentials.current, redirect: false }).then((res) => {
      if (res?.ok && !res.error) {
        router.replace(`/t/${slug}`);
        router.refresh();
      } else setSignInError("Your account was created, but signing in failed. Please sign in.");
    });
  }, [state, router]);

  if (state?.ok && state.data?.checkEmail) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">{state.message}</Alert>
        <p className="text-sm">
          Then <Link className="font-medium text-blue-800 underline" href="/sign-in">sign in</Link>.
        </p>
      </div>
    );
  }

  const fe = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && state.message && <Alert tone="error">{state.message}</Alert>}
      {signInError && <Alert tone="error">{signInError}</Alert>}
      {state?.ok && !signInError && <Alert tone="success">Account created. Signing you in…</Alert>}
      <Field label="Your name" name="name" autoComplete="name" required error={fe.name} />
      {invitation ? (
        <>
          <Field label="Email" name="email" type="email" value={invitation.email} readOnly hint="The invitation was sent to this address." />
          <input type="hidden" name="invitationToken" value={invitation.token} />
        </>
      ) : (
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fe.email} />
      )}
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} hint="At least 8 characters and hard to guess: a few unrelated words work well. Not built from your name or email." error={fe.password} />
      {!invitation && <Field label="Team name (optional)" name="teamName" autoComplete="organization" hint="You can rename it or create more teams later." error={fe.teamName} />}
      <Button type="submit" disabled={pending || !!state?.ok}>{pending ? "Creating account…" : invitation ? "Create account and join" : "Create account"}</Button>
    </form>
  );
}
