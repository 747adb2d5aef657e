"use client";
import { useState, type FormEvent } from "react";
import type { TWithdrawalPolicy } from "@crm/core";
import { CheckboxField, Field } from "@crm/ui";
import { RiskAcknowledgement, SaveBar, useLimitSave } from "@/features/guided/limit-form-parts";
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
  const { busy, result, formRef, resultRef, err, save } = useLimitSave();
  const ro = !policy.canEdit;
  const inForce = useDefault ? policy.defaultDailyLimit : Number(daily);
  const overCap = Number.isFinite(inForce) && inForce > policy.hardCap;
  const risky = Number.isFinite(inForce) && inForce > warnAbove && !overCap;
  const blocked = busy || (risky && !ack);
  const dailyError = overCap ? `At most ${policy.hardCap} withdrawals a day, for every account.` : err("withdrawDailyLimit");

  const submit = (e: FormEvent) =>
    save(e, {
      blocked,
      overCap,
      capField: "withdrawDailyLimit",
      failed: "The withdrawal limit was not saved.",
      send: () =>
        runAction(saveWithdrawalPolicyAction, teamSlug, {
          accountId: policy.accountId,
          withdrawDailyLimit: useDefault ? "" : daily,
          acknowledgeRisk: risky && ack ? "true" : "false",
        }),
    });

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
          <RiskAcknowledgement
            testId="withdrawal-policy-warning"
            warning={RISK(warnAbove, policy.hardCap)}
            label={`I understand the risk and want more than ${warnAbove} withdrawals a day`}
            ack={ack}
            onAck={setAck}
            error={err("acknowledgeRisk")}
          />
        )}
      </fieldset>
      {!ro && <SaveBar resultRef={resultRef} result={result} testId="withdrawal-policy-result" blocked={blocked} busy={busy} label="Save withdrawal limit" tickAbove={risky && !ack ? warnAbove : null} />}
    </form>
  );
}
