"use client";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { TActionState } from "@/lib/action";

type TFormAction = (prev: TActionState, data: FormData) => Promise<TActionState>;

/**
 * Runs a server action from onSubmit instead of <form action>, because React resets a form
 * after its action runs, and we keep what the user typed when the server says it is wrong.
 * The form is cleared only on success when asked to.
 */
export function useFormAction(action: TFormAction, opts: { resetOnSuccess?: boolean; onSubmitData?: (d: FormData) => void } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && opts.resetOnSuccess) formRef.current?.reset();
  }, [state, opts.resetOnSuccess]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    opts.onSubmitData?.(data);
    startTransition(() => dispatch(data));
  };
  return { state, pending, onSubmit, formRef };
}
