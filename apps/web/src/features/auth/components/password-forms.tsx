"use client";
import Link from "next/link";
import { Field } from "@crm/ui";
import { changePasswordAction, forgotPasswordAction, resetPasswordAction } from "../actions";
import { ActionForm } from "./simple-action-form";

const PASSWORD_HINT = "At least 8 characters and hard to guess: a few unrelated words work well. Not built from your name or email.";

export function ForgotPasswordForm() {
  return (
    <ActionForm action={forgotPasswordAction} submitLabel="Send reset link" pendingLabel="Sending…">
      {(fe) => <Field label="Email" name="email" type="email" autoComplete="email" required error={fe.email} />}
    </ActionForm>
  );
}

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  return (
    <ActionForm action={resetPasswordAction} submitLabel="Set new password" pendingLabel="Saving…">
      {(fe, state) =>
        state?.ok ? (
          <Link className="font-medium text-blue-800 underline" href={`/sign-in?email=${encodeURIComponent(email)}`}>Sign in</Link>
        ) : (
          <>
            <input type="hidden" name="token" value={token} />
            <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
            <Field label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={fe.password} />
          </>
        )
      }
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  return (
    <ActionForm action={changePasswordAction} submitLabel="Change password" pendingLabel="Saving…" resetOnSuccess>
      {(fe) => (
        <>
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fe.currentPassword} />
          <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={fe.newPassword} />
        </>
      )}
    </ActionForm>
  );
}
