"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Alert, Button } from "@crm/ui";

type TProps = { token: string; label: string; teamName: string; settingsHref: string };
type TState = { kind: "idle" } | { kind: "busy" } | { kind: "done"; message: string } | { kind: "error"; message: string };

/** The one button of the unsubscribe page; it POSTs to the same endpoint mail clients use. */
export function UnsubscribeConfirm({ token, label, teamName, settingsHref }: TProps) {
  const [state, setState] = useState<TState>({ kind: "idle" });
  const resultRef = useRef<HTMLDivElement>(null);

  // The result replaces the button, so the focus moves to it instead of falling to the page.
  useEffect(() => {
    if (state.kind === "done" || state.kind === "error") resultRef.current?.focus();
  }, [state.kind]);

  async function confirm() {
    setState({ kind: "busy" });
    try {
      const res = await fetch(`/api/unsubscribe/${encodeURIComponent(token)}`, { method: "POST", credentials: "omit", headers: { Accept: "application/json" } });
      const body = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
      if (res.ok) setState({ kind: "done", message: body?.message ?? "Unsubscribed." });
      else setState({ kind: "error", message: body?.error?.message ?? "That did not work. Try again in a minute." });
    } catch {
      setState({ kind: "error", message: "We could not reach the server. Check your connection and try again." });
    }
  }

  if (state.kind === "done") {
    return (
      <div ref={resultRef} tabIndex={-1} className="flex flex-col gap-4 outline-none">
        <Alert tone="success">{state.message}</Alert>
        <p className="text-sm text-gray-700">
          Changed your mind? <Link className="font-medium text-blue-800 underline" href={settingsHref}>Turn it back on in your notification settings</Link> (sign-in needed).
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <p className="text-gray-700">
        Stop {label} from <strong>{teamName}</strong>? Other emails are not affected.
      </p>
      {state.kind === "error" && <div ref={resultRef} tabIndex={-1} className="outline-none"><Alert tone="error">{state.message}</Alert></div>}
      <Button onClick={confirm} disabled={state.kind === "busy"} aria-busy={state.kind === "busy"}>
        {state.kind === "busy" ? "Unsubscribing…" : "Unsubscribe"}
      </Button>
      <p className="text-sm text-gray-700">
        <Link className="font-medium text-blue-800 underline" href={settingsHref}>Change all your email settings</Link> (sign-in needed).
      </p>
    </div>
  );
}
