"use client";
import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, Field } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { createApiKeyAction, revokeApiKeyAction } from "../actions";

const SCOPES = [
  { value: "READ", label: "Read only", hint: "List and read connections, tags and notes." },
  { value: "READ_WRITE", label: "Read and write", hint: "Also create tags, tag connections and add notes." },
] as const;

export function CreateApiKeyForm({ teamSlug }: { teamSlug: string }) {
  const { state, pending, onSubmit, formRef } = useFormAction(createApiKeyAction, { resetOnSuccess: true });
  const legendId = useId();
  const fe = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const secret = state?.ok && typeof state.data?.secret === "string" ? state.data.secret : null;
  return (
    <div className="flex flex-col gap-4">
      {secret && <NewKeyPanel secret={secret} name={String(state?.data?.name ?? "")} />}
      <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {state?.ok === false && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="teamSlug" value={teamSlug} />
        <Field label="Key name" name="name" required maxLength={100} autoComplete="off" hint="What will use it, e.g. “Weekly report script”." error={fe.name} />
        <fieldset aria-labelledby={legendId} aria-describedby={fe.scope ? `${legendId}-error` : undefined} className="flex flex-col gap-2">
          <legend id={legendId} className="text-sm font-medium text-gray-800">Access</legend>
          {SCOPES.map((s, i) => (
            <label key={s.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="scope" value={s.value} defaultChecked={i === 0} className="mt-0.5 h-4 w-4 accent-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600" />
              <span><span className="font-medium text-gray-900">{s.label}</span> <span className="text-gray-600">· {s.hint}</span></span>
            </label>
          ))}
          {fe.scope && <p id={`${legendId}-error`} className="text-sm text-red-700">{fe.scope}</p>}
        </fieldset>
        <div><Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button></div>
      </form>
    </div>
  );
}

/** Shown once, right after creation: the page never receives the secret again. */
function NewKeyPanel({ secret, name }: { secret: string; name: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setCopied("idle");
    headingRef.current?.focus();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("done");
    } catch {
      inputRef.current?.select();
      setCopied("failed");
    }
  };
  return (
    <section aria-labelledby="new-key-heading" className="rounded-md bg-amber-50 p-4 ring-1 ring-amber-300">
      <h3 id="new-key-heading" ref={headingRef} tabIndex={-1} className="font-semibold text-amber-950 focus-visible:outline-2 focus-visible:outline-blue-600">
        Copy your new key “{name}” now
      </h3>
      <p className="mt-1 text-sm text-amber-950">You won’t see it again: we store only a fingerprint of it. If you lose it, revoke it and create another.</p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-gray-800">
          New API key
          <input ref={inputRef} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} data-testid="new-api-key" className="rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-blue-600" />
        </label>
        <Button variant="secondary" onClick={() => void copy()}>Copy key</Button>
      </div>
      <p role="status" className="mt-2 text-sm text-gray-800">
        {copied === "done" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy automatically: the key is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <p className="mt-2 text-sm text-gray-800">
        Use it as <code className="rounded bg-white px-1">Authorization: Bearer &lt;key&gt;</code>; the endpoints are described in <a className="text-blue-800 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
    </section>
  );
}

export function RevokeApiKeyButton({ teamSlug, keyId, name }: { teamSlug: string; keyId: string; name: string }) {
  const f = useFormAction(revokeApiKeyAction);
  return (
    <form
      onSubmit={(e) => {
        if (!window.confirm(`Revoke the key “${name}”? Scripts using it stop working at once. This cannot be undone.`)) e.preventDefault();
        else f.onSubmit(e);
      }}
    >
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="keyId" value={keyId} />
      <Button type="submit" variant="danger" disabled={f.pending}>Revoke {name}</Button>
      {f.state?.ok === false && <p role="alert" className="text-sm text-red-700">{f.state.message}</p>}
    </form>
  );
}
