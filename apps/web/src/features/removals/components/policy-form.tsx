"use client";
import { useState, type ComponentProps, type FormEvent } from "react";
import type { TRemovalPolicy } from "@crm/core";
import { Alert, CheckboxField, Field } from "@crm/ui";
import { RiskAcknowledgement, SaveBar, useLimitSave } from "@/features/guided/limit-form-parts";
import { runAction } from "@/features/connections/run-action";
import { saveRemovalPolicyAction } from "../actions";

export type TPolicyLimits = { hardCap: number; warnAbove: number; minGap: number; maxGap: number; maxWeekly: number; weeklyFactor: number };

type TProps = { teamSlug: string; policy: TRemovalPolicy; limits: TPolicyLimits };

const TIER_TEXT: Record<string, string> = {
  new: "a new account",
  small: "an account under about 500 connections",
  established: "an account of about 500 to 2,000 connections",
  large: "an account of over 2,000 connections",
};

const RISK = (warnAbove: number, hardCap: number) =>
  `More than ${warnAbove} removals a day is above what LinkedIn users report as safe, and accounts removing more than ${hardCap} a day get restricted. Removing many people at once also looks like a purge to LinkedIn: spread removals over several days instead.`;

/** The account's removal policy: its owner edits, everyone else reads the same form. Errors show by field. */
export function PolicyForm({ teamSlug, policy, limits }: TProps) {
  const [useDefault, setUseDefault] = useState(!policy.dailyLimitOverridden);
  const [daily, setDaily] = useState(String(policy.dailyLimit));
  const [gap, setGap] = useState(String(policy.gapSeconds));
  const [hourly, setHourly] = useState(String(policy.hourlyLimit));
  const [weeklyDefault, setWeeklyDefault] = useState(!policy.weeklyLimitOverridden);
  const [weekly, setWeekly] = useState(String(policy.weeklyLimit));
  const [ack, setAck] = useState(false);
  const { busy, result, formRef, resultRef, err, save } = useLimitSave();
  const ro = !policy.canEdit;
  const dailyInForce = useDefault ? policy.defaultDailyLimit : Number(daily);
  // Above the hard cap no acknowledgement helps: say so at once instead of offering one.
  const overCap = Number.isFinite(dailyInForce) && dailyInForce > limits.hardCap;
  const risky = Number.isFinite(dailyInForce) && dailyInForce > limits.warnAbove && !overCap;
  const blocked = busy || (risky && !ack);
  const dailyError = overCap ? `At most ${limits.hardCap} removals a day, for every account: LinkedIn restricts accounts that remove more.` : err("dailyLimit");

  const submit = (e: FormEvent) =>
    save(e, {
      blocked,
      overCap,
      capField: "dailyLimit",
      failed: "The policy was not saved.",
      send: () =>
        runAction(saveRemovalPolicyAction, teamSlug, {
          accountId: policy.accountId,
          dailyLimit: useDefault ? "" : daily,
          gapSeconds: gap,
          hourlyLimit: hourly,
          weeklyLimit: weeklyDefault ? "" : weekly,
          acknowledgeRisk: risky && ack ? "true" : "false",
        }),
      // The defaults the server settled on, shown in the disabled fields.
      saved: (r) => {
        if (typeof r.data?.weeklyLimit === "number" && weeklyDefault) setWeekly(String(r.data.weeklyLimit));
        if (typeof r.data?.dailyLimit === "number" && useDefault) setDaily(String(r.data.dailyLimit));
      },
    });

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-3xl flex-col gap-6" aria-label="Removal policy" noValidate>
      {ro && <Alert tone="info">Only the account’s owner changes its removal policy. This is what it is now.</Alert>}
      <fieldset className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Daily limit</legend>
        <p className="text-sm text-gray-700">
          The default for {TIER_TEXT[policy.tier] ?? "this account"} ({policy.connectionCount.toLocaleString("en")} connections{policy.isNew ? ", marked new" : ""}) is{" "}
          <strong>{policy.defaultDailyLimit} a day</strong>. You may lower it, or raise it up to {limits.hardCap}; nobody goes above {limits.hardCap}.
        </p>
        <CheckboxField name="useDefault" label={`Use the default (${policy.defaultDailyLimit} a day)`} checked={useDefault} onChange={(e) => setUseDefault(e.target.checked)} />
        <NumberField
          name="dailyLimit"
          label="Removals a day"
          min={1}
          max={limits.hardCap}
          disabled={useDefault}
          value={useDefault ? String(policy.defaultDailyLimit) : daily}
          onChange={(e) => setDaily(e.target.value)}
          hint={`1 to ${limits.hardCap}.`}
          error={dailyError}
        />
        {risky && (
          <RiskAcknowledgement
            testId="policy-warning"
            warning={policy.warning && policy.dailyLimit === dailyInForce ? policy.warning : RISK(limits.warnAbove, limits.hardCap)}
            label={`I understand the risk and want more than ${limits.warnAbove} removals a day`}
            ack={ack}
            onAck={setAck}
            error={err("acknowledgeRisk")}
          />
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Pace</legend>
        <NumberField
          name="gapSeconds"
          label="Seconds between removals"
          min={limits.minGap}
          max={limits.maxGap}
          value={gap}
          onChange={(e) => setGap(e.target.value)}
          hint={`${limits.minGap} to ${limits.maxGap}. Each wait varies by up to 20% so the pace looks human, and is never under ${limits.minGap} s.`}
          error={err("gapSeconds")}
        />
        <NumberField
          name="hourlyLimit"
          label="Removals an hour at most"
          min={1}
          max={limits.hardCap}
          value={hourly}
          onChange={(e) => setHourly(e.target.value)}
          hint={`1 to ${limits.hardCap}, over any 60 minutes.`}
          error={err("hourlyLimit")}
        />
        <CheckboxField name="weeklyDefault" label={`Weekly ceiling: use the default (${limits.weeklyFactor} × the daily limit)`} checked={weeklyDefault} onChange={(e) => setWeeklyDefault(e.target.checked)} />
        <NumberField
          name="weeklyLimit"
          label="Removals in 7 days at most"
          min={1}
          max={limits.maxWeekly}
          disabled={weeklyDefault}
          value={weeklyDefault ? String(Number.isFinite(dailyInForce) ? dailyInForce * limits.weeklyFactor : policy.weeklyLimit) : weekly}
          onChange={(e) => setWeekly(e.target.value)}
          hint={`1 to ${limits.maxWeekly}, over the last 7 days (today included). Steady weekly pruning beats a one-day purge.`}
          error={err("weeklyLimit")}
        />
      </fieldset>

      {!ro && <SaveBar resultRef={resultRef} result={result} testId="policy-result" blocked={blocked} busy={busy} label="Save policy" tickAbove={risky && !ack ? limits.warnAbove : null} />}
    </form>
  );
}

/** The form's whole-number inputs: one shape for the four limits. */
function NumberField(props: Omit<ComponentProps<typeof Field>, "type" | "inputMode">) {
  return <Field type="number" inputMode="numeric" className="max-w-xs" {...props} />;
}
