"use client";
import { useId, useRef, useState, type ComponentProps, type FormEvent } from "react";
import type { TRemovalPolicy } from "@crm/core";
import { Alert, Button, CheckboxField, Field } from "@crm/ui";
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
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; fieldErrors?: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const ro = !policy.canEdit;
  const dailyInForce = useDefault ? policy.defaultDailyLimit : Number(daily);
  // Above the hard cap no acknowledgement helps: say so at once instead of offering one.
  const overCap = Number.isFinite(dailyInForce) && dailyInForce > limits.hardCap;
  const risky = Number.isFinite(dailyInForce) && dailyInForce > limits.warnAbove && !overCap;
  const blocked = busy || (risky && !ack);
  const err = (f: string) => result?.fieldErrors?.[f];
  const dailyError = overCap ? `At most ${limits.hardCap} removals a day, for every account: LinkedIn restricts accounts that remove more.` : err("dailyLimit");

  async function submit(e: FormEvent) {
    e.preventDefault();
    // aria-disabled, not disabled: the button keeps focus while it waits (see below).
    if (blocked) return;
    if (overCap) {
      formRef.current?.querySelector<HTMLInputElement>('[name="dailyLimit"]')?.focus();
      return;
    }
    setBusy(true);
    const r = await runAction(saveRemovalPolicyAction, teamSlug, {
      accountId: policy.accountId,
      dailyLimit: useDefault ? "" : daily,
      gapSeconds: gap,
      hourlyLimit: hourly,
      weeklyLimit: weeklyDefault ? "" : weekly,
      acknowledgeRisk: risky && ack ? "true" : "false",
    });
    setBusy(false);
    setResult({ ok: r.ok, message: r.message ?? (r.ok ? "Saved." : "The policy was not saved."), fieldErrors: r.fieldErrors });
    if (r.ok && r.data) {
      if (typeof r.data.weeklyLimit === "number" && weeklyDefault) setWeekly(String(r.data.weeklyLimit));
      if (typeof r.data.dailyLimit === "number" && useDefault) setDaily(String(r.data.dailyLimit));
    }
    const field = Object.keys(r.fieldErrors ?? {})[0];
    const input = !r.ok && field ? formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(field)}"]`) : null;
    // The field at fault, else the result: never the page's body.
    if (input) input.focus();
    else requestAnimationFrame(() => resultRef.current?.focus());
  }

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
          <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="policy-warning">
            <p id={`${ids}-warning`} className="text-sm font-medium text-amber-900">{policy.warning && policy.dailyLimit === dailyInForce ? policy.warning : RISK(limits.warnAbove, limits.hardCap)}</p>
            <CheckboxField
              name="acknowledgeRisk"
              label={`I understand the risk and want more than ${limits.warnAbove} removals a day`}
              checked={ack}
              onChange={(e) => setAck(e.target.checked)}
              aria-describedby={[`${ids}-warning`, err("acknowledgeRisk") ? `${ids}-ack-error` : null].filter(Boolean).join(" ")}
              aria-invalid={err("acknowledgeRisk") ? true : undefined}
            />
            {err("acknowledgeRisk") && <p id={`${ids}-ack-error`} className="text-sm text-red-700">{err("acknowledgeRisk")}</p>}
          </div>
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

      {!ro && (
        <div className="flex flex-col gap-3">
          {/* The Alert is its own live region (status or alert): no aria-live around it. */}
          <div ref={resultRef} tabIndex={-1} className="focus-visible:outline-2 focus-visible:outline-blue-600" data-testid="policy-result">
            {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
          </div>
          <div>
            <Button type="submit" aria-disabled={blocked} className={blocked ? "opacity-60" : ""}>{busy ? "Saving…" : "Save policy"}</Button>
          </div>
          {risky && !ack && <p className="text-sm text-gray-700">Tick the acknowledgement above to save more than {limits.warnAbove} a day.</p>}
        </div>
      )}
    </form>
  );
}

/** The form's whole-number inputs: one shape for the four limits. */
function NumberField(props: Omit<ComponentProps<typeof Field>, "type" | "inputMode">) {
  return <Field type="number" inputMode="numeric" className="max-w-xs" {...props} />;
}
