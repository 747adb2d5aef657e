"use client";
import { useState } from "react";
import { Button } from "@crm/ui";
import { sendDigestNowRequest } from "../api";

/** Sends this week's digest to the member now, to see what it looks like; the answer is read out. */
export function SendDigestNow({ slug }: { slug: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function send() {
    setBusy(true);
    const r = await sendDigestNowRequest(slug);
    setBusy(false);
    setMessage(r.ok ? { ok: r.data.sent, text: r.data.reason } : { ok: false, text: r.message });
  }

  return (
    <section aria-labelledby="send-now-title" className="flex max-w-3xl flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200">
      <h2 id="send-now-title" className="text-lg font-semibold">Try it</h2>
      <p className="text-sm text-gray-700">Sends you this week’s digest so far, whatever your settings above. It does not count as this week’s digest.</p>
      <div>
        <Button variant="secondary" onClick={send} disabled={busy} aria-busy={busy}>{busy ? "Sending…" : "Send me this week’s digest now"}</Button>
      </div>
      {/* Always in the DOM, so the answer is announced when it appears. */}
      <p role="status" aria-live="polite" className={`text-sm ${message && !message.ok ? "text-red-700" : "text-gray-800"}`}>{message?.text ?? ""}</p>
    </section>
  );
}
