"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Alert, Button } from "@crm/ui";
import { acceptInvitationAction } from "../actions";
import { useFormAction } from "./use-form-action";

export function AcceptInvitationButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction(acceptInvitationAction);
  useEffect(() => {
    if (state?.ok && state.data?.slug) {
      router.replace(`/t/${state.data.slug}`);
      router.refresh();
    }
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending || !!state?.ok}>{pending ? "Joining…" : `Join ${teamName}`}</Button>
    </form>
  );
}
