"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@crm/ui";

/** Sends one failed email again; the result is announced, then the list reloads. */
export function RetryDeliveryButton({ teamSlug, outboxId, subject }: { teamSlug: string; outboxId: string; subject: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ pending: boolean; message: string; error: boolean }>({ pending: false, message: "", error: false });
  const retry = async () => {
    setState({ pending: true, message: "", error: false });
    try {
      const res = await fetch(`/api/t/${encodeURIComponent(teamSlug)}/deliveries/${encodeURIComponent(outboxId)}/retry`, { method: "POST" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ pending: false, message: body?.error?.message ?? "Could not retry this email. Try again.", error: true });
        return;
      }
      setState({ pending: false, message: "Queued to send again.", error: false });
      router.refresh();
    } catch {
      setState({ pending: false, message: "Could not reach the server. Check your connection and try again.", error: true });
    }
  };
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={state.pending} onClick={() => void retry()} aria-label={`Send again: ${subject}`}>
        {state.pending ? "Retrying…" : "Send again"}
      </Button>
      <span role="status" className={`text-xs ${state.error ? "text-red-700" : "text-gray-700"}`}>{state.message}</span>
    </span>
  );
}
