"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import type { TWithdrawalPolicy } from "@crm/core";
import { Alert, Button, CheckboxField, Field } from "@crm/ui";
import { runAction } from "@/features/connections/run-action";
import { saveWithdrawalPolicyAction } from "../policy-actions";

type TProps = { teamSlug: string; policy: TWithdrawalPolicy; warnAbove: number };

const RISK = (warnAbove: number, hardCap: number) =>
  `More than ${warnAbove} withdrawals a day is above what LinkedIn users report as safe, and nobody may go above ${hardCap}: withdrawing in bulk is a pattern LinkedIn watches. Spread withdrawals over several days instead.`;

/** The withdrawal allowance's one setting: the daily limit (the pace is fixed). The owner edits; everyone else reads. */
export function WithdrawalPolicyForm({ teamSlug, policy, warnAbove }: TProps) {
  const [useDefault, setUseDefault] = useState(!policy.dailyLimitOverridden);
  const [daily, setDaily] = useState(String(policy.dailyLimit));
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; fieldErrors?: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const ro = !policy.canEdit;
  const inForce = useDefault ? policy.defaultDailyLimit : Number(daily);
  const overCap = Number.isFinite(inForce) && inForce > policy.hardCap;
  const risky = Number.isFinite(inForce) && inForce > warnAbove && !overCap;
  const blocked = busy || (risky && !ack);
  const err = (f: string) => result?.fieldErrors?.[f];
  const dailyError = overCap ? `At most ${policy.hardCap} withdrawals a day, for every account.` : err("withdrawDailyLimit");

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (blocked) return;
    if (overCap) {
      formRef.current?.querySelector<HTMLInputElement>('[name="withdrawDailyLimit"]')?.focus();
      return;
    }
    setBusy(true);
    const r = await runAction(saveWithdrawalPolicyAction, teamSlug, {
      accountId: policy.accountId,
      withdrawDailyLimit: useDefault ? "" : daily,
      acknowledgeRisk: risky && ack ? "true" : "false",
    });
    setBusy(false);
    setResult({ ok: r.ok, message: r.message ?? (r.ok ? "Saved." : "The withdrawal limit was not saved."), fieldErrors: r.fieldErrors });
    const field = Object.keys(r.fieldErrors ?? {})[0];
    const input = !r.ok && field ? formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(field)}"]`) : null;
    if (input) input.focus();
    else requestAnimationFrame(() => resultRef.current?.focus());
  }

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-3xl flex-col gap-4" aria-label="Invitation withdrawal limit" noValidate data-testid="withdrawal-policy">
      <fieldset className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Invitation withdrawals</legend>
        <p className="text-sm text-gray-700">
          Withdrawing stale invitations has its own allowance, separate from removals. The default is <strong>{policy.defaultDailyLimit} a day</strong>, spaced about{" "}
          {policy.gapSeconds} s apart (varied by up to 20%), at most {policy.hourlyLimit} an hour and 5 × the daily limit in 7 days. You may lower it or raise it up to{" "}
          {policy.hardCap}.
        </p>
        {ro && <p className="text-sm text-gray-700">Only the account’s owner changes it. This is what it is now.</p>}
        <CheckboxField name="useWithdrawDefault" label={`Use the default (${policy.defaultDailyLimit} a day)`} checked={useDefault} onChange={(e) => setUseDefault(e.target.checked)} />
        <Field
          type="number"
          inputMode="numeric"
          className="max-w-xs"
          name="withdrawDailyLimit"
          label="Withdrawals a day"
          min={1}
          max={policy.hardCap}
          disabled={useDefault}
          value={useDefault ? String(policy.defaultDailyLimit) : daily}
          onChange={(e) => setDaily(e.target.value)}
          hint={`1 to ${policy.hardCap}. The weekly ceiling follows it (5 ×).`}
          error={dailyError}
        />
        {risky && (
          <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="withdrawal-policy-warning">
            <p id={`${ids}-warning`} className="text-sm font-medium text-amber-900">{RISK(warnAbove, policy.hardCap)}</p>
            <CheckboxField
              name="acknowledgeRisk"
              label={`I understand the risk and want more than ${warnAbove} withdrawals a day`}
              checked={ack}
              onChange={(e) => setAck(e.target.checked)}
              aria-describedby={[`${ids}-warning`, err("acknowledgeRisk") ? `${ids}-ack-error` : null].filter(Boolean).join(" ")}
              aria-invalid={err("acknowledgeRisk") ? true : undefined}
            />
            {err("acknowledgeRisk") && <p id={`${ids}-ack-error`} className="text-sm text-red-700">{err("acknowledgeRisk")}</p>}
          </div>
        )}
      </fieldset>
      {!ro && (
        <div className="flex flex-col gap-3">
          <div ref={resultRef} tabIndex={-1} className="focus-visible:outline-2 focus-visible:outline-blue-600" data-testid="withdrawal-policy-result">
            {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
          </div>
          <div>
            <Button type="submit" aria-disabled={blocked} className={blocked ? "opacity-60" : ""}>{busy ? "Saving…" : "Save withdrawal limit"}</Button>
          </div>
          {risky && !ack && <p className="text-sm text-gray-700">Tick the acknowledgement above to save more than {warnAbove} a day.</p>}
        </div>
      )}
    </form>
  );
}
