"use client";
import { useId, useRef, useState, type FormEvent } from "react";
import { Alert, Button, CheckboxField, Field } from "@crm/ui";
import { runAction } from "@/features/connections/run-action";
import { saveQueueRulesAction } from "../actions";

export type TQueueRulesValue = {
  removeNoIcpFit: boolean;
  flags: { open_networker: boolean; competitor: boolean; stale: boolean; recruiter: boolean; student: boolean };
  followUp: boolean;
  followUpMonths: number;
  jobChanges: boolean;
  protectedTagIds: string[];
  keepMonths: number;
  adminsDecide: boolean;
  /** Propose withdrawing outgoing invitations pending for withdrawAfterDays (docs/decisions/0013). */
  withdrawInvitations: boolean;
  withdrawAfterDays: number;
};
type TRule = { label: string; explanation: string };
type TFlag = keyof TQueueRulesValue["flags"];
const FLAGS: TFlag[] = ["open_networker", "competitor", "stale", "recruiter", "student"];

export type TQueueRulesFormProps = {
  teamSlug: string;
  rules: TQueueRulesValue;
  version: number;
  canEdit: boolean;
  /** Labels and one-line explanations per rule code (from core's RULE_LABELS/RULE_EXPLANATIONS). */
  texts: Record<string, TRule>;
  tags: Array<{ id: string; name: string }>;
  limits: {
    followUpMonths: { min: number; max: number };
    keepMonths: { min: number; max: number };
    withdrawAfterDays: { min: number; max: number };
    protectedTags: number;
  };
  hasIcp: boolean;
};

/** The queue rules: owners and admins edit, everyone else sees the same form read-only. */
export function QueueRulesForm(p: TQueueRulesFormProps) {
  const id = useId();
  const [rules, setRules] = useState(p.rules);
  const [version, setVersion] = useState(p.version);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; fieldErrors?: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ro = !p.canEdit;
  const set = (patch: Partial<TQueueRulesValue>) => setRules((r) => ({ ...r, ...patch }));
  const setFlag = (f: TFlag, on: boolean) => setRules((r) => ({ ...r, flags: { ...r.flags, [f]: on } }));
  // Core names nested fields ("flags.stale", "protectedTagIds.3"): shown by the group they belong to.
  const err = (field: string) => Object.entries(result?.fieldErrors ?? {}).find(([k]) => k === field || k.startsWith(`${field}.`))?.[1];
  const tagIds = new Set(p.tags.map((t) => t.id));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    // Tags deleted since the page loaded are dropped rather than refused.
    const payload = { ...rules, protectedTagIds: rules.protectedTagIds.filter((t) => tagIds.has(t)) };
    const r = await runAction(saveQueueRulesAction, p.teamSlug, { rules: JSON.stringify(payload), version: String(version) });
    setBusy(false);
    if (r.ok && typeof r.data?.version === "number") setVersion(r.data.version);
    setResult({ ok: r.ok, message: r.message ?? (r.ok ? "Saved; the queues are being rebuilt." : "Could not save the rules."), fieldErrors: r.fieldErrors });
    // A refused field takes the focus, so a keyboard user lands where the fix goes ("flags.stale"
    // is that checkbox's name; "protectedTagIds.3" the tags' group).
    const field = Object.keys(r.fieldErrors ?? {})[0];
    if (!r.ok && field) {
      const name = field.startsWith("protectedTagIds") ? "protectedTagIds" : field;
      formRef.current?.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)?.focus();
    }
  }

  const t = (code: string) => p.texts[code] ?? { label: code, explanation: "" };
  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-6" aria-label="Queue rules" noValidate>
      {ro && <Alert tone="info">Only owners and admins can change the queue rules. This is what they are now.</Alert>}

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Remove candidates</legend>
        <CheckboxField
          name="removeNoIcpFit"
          label={t("no_icp_fit").label}
          hint={p.hasIcp ? t("no_icp_fit").explanation : `${t("no_icp_fit").explanation} The team has no scored ideal customer profile yet, so this rule proposes no one until it has one.`}
          checked={rules.removeNoIcpFit}
          onChange={(e) => set({ removeNoIcpFit: e.target.checked })}
        />
        {FLAGS.map((f) => (
          <CheckboxField key={f} name={`flags.${f}`} label={t(f).label} hint={t(f).explanation} checked={rules.flags[f]} onChange={(e) => setFlag(f, e.target.checked)} />
        ))}
        {err("flags") && <p className="text-sm text-red-700">{err("flags")}</p>}
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Never proposed for removal</legend>
        <p className="max-w-3xl text-sm text-gray-700">
          The queue never proposes removing people who endorsed you or wrote you a recommendation: removing them on LinkedIn deletes what they
          gave. It also leaves alone anyone a teammate tagged with one of the protected tags below. A person can still propose one of them by
          hand, and is told what would be lost.
        </p>
        <div role="group" aria-labelledby={`${id}-tags`} className="flex flex-col gap-2">
          <p id={`${id}-tags`} className="text-sm font-medium text-gray-800">Protected tags (at most {p.limits.protectedTags})</p>
          {p.tags.length === 0 ? (
            <p className="text-sm text-gray-700">The team has no tags yet. Create tags on the Tags page, then protect them here.</p>
          ) : (
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              {p.tags.map((tag) => (
                <li key={tag.id}>
                  <CheckboxField
                    name="protectedTagIds"
                    value={tag.id}
                    label={tag.name}
                    checked={rules.protectedTagIds.includes(tag.id)}
                    onChange={(e) => set({ protectedTagIds: e.target.checked ? [...rules.protectedTagIds, tag.id] : rules.protectedTagIds.filter((x) => x !== tag.id) })}
                  />
                </li>
              ))}
            </ul>
          )}
          {err("protectedTagIds") && <p className="text-sm text-red-700">{err("protectedTagIds")}</p>}
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Follow-ups and job changes</legend>
        <CheckboxField name="followUp" label={t("follow_up_due").label} hint={t("follow_up_due").explanation} checked={rules.followUp} onChange={(e) => set({ followUp: e.target.checked })} />
        <Field
          name="followUpMonths"
          type="number"
          inputMode="numeric"
          className="max-w-xs"
          label="Follow up after (months without a message)"
          min={p.limits.followUpMonths.min}
          max={p.limits.followUpMonths.max}
          value={Number.isNaN(rules.followUpMonths) ? "" : rules.followUpMonths}
          onChange={(e) => set({ followUpMonths: e.target.valueAsNumber })}
          hint={`${p.limits.followUpMonths.min} to ${p.limits.followUpMonths.max} months.`}
          error={err("followUpMonths")}
        />
        <CheckboxField name="jobChanges" label={t("job_change").label} hint={t("job_change").explanation} checked={rules.jobChanges} onChange={(e) => set({ jobChanges: e.target.checked })} />
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Pending invitations</legend>
        <CheckboxField
          name="withdrawInvitations"
          label={t("stale_invitation").label}
          hint={t("stale_invitation").explanation}
          checked={rules.withdrawInvitations}
          onChange={(e) => set({ withdrawInvitations: e.target.checked })}
        />
        <Field
          name="withdrawAfterDays"
          type="number"
          inputMode="numeric"
          className="max-w-xs"
          label="Propose withdrawing after (days pending)"
          min={p.limits.withdrawAfterDays.min}
          max={p.limits.withdrawAfterDays.max}
          value={Number.isNaN(rules.withdrawAfterDays) ? "" : rules.withdrawAfterDays}
          onChange={(e) => set({ withdrawAfterDays: e.target.valueAsNumber })}
          hint={`Outgoing invitations sent longer ago than this are proposed for withdrawal (${p.limits.withdrawAfterDays.min} to ${p.limits.withdrawAfterDays.max} days). A Keep waiting lasts as long as a Keep.`}
          error={err("withdrawAfterDays")}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" disabled={ro}>
        <legend className="px-1 text-lg font-semibold">Decisions</legend>
        <Field
          name="keepMonths"
          type="number"
          inputMode="numeric"
          className="max-w-xs"
          label="A Keep lasts (months)"
          min={p.limits.keepMonths.min}
          max={p.limits.keepMonths.max}
          value={Number.isNaN(rules.keepMonths) ? "" : rules.keepMonths}
          onChange={(e) => set({ keepMonths: e.target.valueAsNumber })}
          hint={`After a Keep, the person is not proposed again for this long (${p.limits.keepMonths.min} to ${p.limits.keepMonths.max} months).`}
          error={err("keepMonths")}
        />
        <CheckboxField
          name="adminsDecide"
          label="Admins may decide too"
          hint="Normally only the owner of a LinkedIn account decides on its queue. With this on, the team's owners and admins can decide as well."
          checked={rules.adminsDecide}
          onChange={(e) => set({ adminsDecide: e.target.checked })}
        />
      </fieldset>

      {!ro && (
        <div className="flex flex-col gap-3">
          <div aria-live="polite">
            {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
          </div>
          <div>
            <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Save rules"}</Button>
          </div>
        </div>
      )}
    </form>
  );
}
