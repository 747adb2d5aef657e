"use client";
import type { ReactNode } from "react";
import { Alert, Button } from "@crm/ui";
import type { TActionState } from "@/lib/action";
import { useFormAction } from "./use-form-action";

type TFormAction = (prev: TActionState, data: FormData) => Promise<TActionState>;

/** A form bound to a server action that shows its message; fields get their errors via render prop. */
export function ActionForm({ action, submitLabel, pendingLabel, children, resetOnSuccess, className = "flex flex-col gap-4" }: {
  action: TFormAction;
  submitLabel: string;
  pendingLabel: string;
  children: (fieldErrors: Record<string, string>, state: TActionState) => ReactNode;
  resetOnSuccess?: boolean;
  className?: string;
}) {
  const { state, pending, onSubmit, formRef } = useFormAction(action, { resetOnSuccess });
  return (
    <form ref={formRef} onSubmit={onSubmit} className={className} noValidate>
      {state?.message && <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>}
      {children(state?.fieldErrors ?? {}, state)}
      <Button type="submit" disabled={pending}>{pending ? pendingLabel : submitLabel}</Button>
    </form>
  );
}
