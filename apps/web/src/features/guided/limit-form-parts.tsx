"use client";
import { useId, useRef, useState, type FormEvent, type RefObject } from "react";
import { Alert, Button, CheckboxField } from "@crm/ui";
import type { TActionState } from "@/lib/action";

// What both lanes' limit forms (the removal policy, the withdrawal allowance) share: saving with
// focus on the field at fault or the result, the risk acknowledgement above the warn level, and
// the save bar. Each form keeps its own fields and words.

type TResult = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

/**
 * The save: `blocked` (busy, or risky without the acknowledgement) does nothing; over the hard cap
 * focuses `capField` instead of asking the server. Then the field at fault, else the result gets
 * focus: never the page's body.
 */
export function useLimitSave() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const err = (f: string) => result?.fieldErrors?.[f];

  async function save(e: FormEvent, o: { blocked: boolean; overCap: boolean; capField: string; failed: string; send: () => Promise<NonNullable<TActionState>>; saved?: (r: NonNullable<TActionState>) => void }) {
    e.preventDefault();
    // aria-disabled, not disabled: the button keeps focus while it waits.
    if (o.blocked) return;
    if (o.overCap) {
      formRef.current?.querySelector<HTMLInputElement>(`[name="${o.capField}"]`)?.focus();
      return;
    }
    setBusy(true);
    const r = await o.send();
    setBusy(false);
    setResult({ ok: r.ok, message: r.message ?? (r.ok ? "Saved." : o.failed), fieldErrors: r.fieldErrors });
    if (r.ok) o.saved?.(r);
    const field = Object.keys(r.fieldErrors ?? {})[0];
    const input = !r.ok && field ? formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(field)}"]`) : null;
    if (input) input.focus();
    else requestAnimationFrame(() => resultRef.current?.focus());
  }

  return { busy, result, formRef, resultRef, err, save };
}

/** The warning above the warn level and the box that acknowledges it (its error described by id). */
export function RiskAcknowledgement({ testId, warning, label, ack, onAck, error }: { testId: string; warning: string; label: string; ack: boolean; onAck: (ack: boolean) => void; error: string | undefined }) {
  const ids = useId();
  return (
    <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid={testId}>
      <p id={`${ids}-warning`} className="text-sm font-medium text-amber-900">{warning}</p>
      <CheckboxField
        name="acknowledgeRisk"
        label={label}
        checked={ack}
        onChange={(e) => onAck(e.target.checked)}
        aria-describedby={[`${ids}-warning`, error ? `${ids}-ack-error` : null].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
      />
      {error && <p id={`${ids}-ack-error`} className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

/** The result (focusable, so focus can land on it) and the save button; `tickAbove`: the hint while risky and unacknowledged. */
export function SaveBar({ resultRef, result, testId, blocked, busy, label, tickAbove }: { resultRef: RefObject<HTMLDivElement | null>; result: TResult | null; testId: string; blocked: boolean; busy: boolean; label: string; tickAbove: number | null }) {
  return (
    <div className="flex flex-col gap-3">
      {/* The Alert is its own live region (status or alert): no aria-live around it. */}
      <div ref={resultRef} tabIndex={-1} className="focus-visible:outline-2 focus-visible:outline-blue-600" data-testid={testId}>
        {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
      </div>
      <div>
        <Button type="submit" aria-disabled={blocked} className={blocked ? "opacity-60" : ""}>{busy ? "Saving…" : label}</Button>
      </div>
      {tickAbove !== null && <p className="text-sm text-gray-700">Tick the acknowledgement above to save more than {tickAbove} a day.</p>}
    </div>
  );
}
