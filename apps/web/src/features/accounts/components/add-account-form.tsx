"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Alert, Button, CheckboxField, Field, SelectField } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { createAccountAction } from "../actions";

type TMember = { userId: string; name: string };

const FIELDS = ["label", "ownerUserId", "timeZone"];

/** The browser's own zone when the list knows it; otherwise UTC (also what the server renders). */
function useBrowserTimeZone(zones: string[]): [string, (tz: string) => void] {
  const [tz, setTz] = useState("UTC");
  useEffect(() => {
    const guess = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (guess && zones.includes(guess)) setTz(guess);
  }, [zones]);
  return [tz, setTz];
}

export function AddAccountForm({ teamSlug, me, members, canChooseOwner, timeZones }: {
  teamSlug: string; me: TMember; members: TMember[]; canChooseOwner: boolean; timeZones: string[];
}) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction(createAccountAction);
  const [timeZone, setTimeZone] = useBrowserTimeZone(timeZones);
  const fe = state?.fieldErrors ?? {};
  useEffect(() => {
    if (state?.ok && state.data?.accountId) router.push(`/t/${teamSlug}/accounts/${state.data.accountId}`);
  }, [state, router, teamSlug]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {/* A message that belongs to a field here is shown at that field only. */}
      {state && !state.ok && state.message && !FIELDS.some((f) => fe[f]) && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <Field label="Label" name="label" required maxLength={80} placeholder="e.g. Anna’s LinkedIn" hint="How your team will recognise this network." error={fe.label} />
      {canChooseOwner ? (
        <SelectField
          label="Owner"
          name="ownerUserId"
          defaultValue={me.userId}
          options={[me, ...members.filter((m) => m.userId !== me.userId)].map((m) => ({ value: m.userId, label: m.userId === me.userId ? `${m.name} (you)` : m.name }))}
          hint="The member whose LinkedIn network this is: they upload its exports and do its removals."
          error={fe.ownerUserId}
        />
      ) : (
        <div className="flex flex-col gap-1 text-sm">
          <input type="hidden" name="ownerUserId" value={me.userId} />
          <span className="font-medium text-gray-800">Owner</span>
          <span className="text-gray-700">{me.name} (you). Only team owners and admins can add a network for someone else.</span>
          {fe.ownerUserId && <span className="text-red-700">{fe.ownerUserId}</span>}
        </div>
      )}
      <SelectField
        label="Time zone"
        name="timeZone"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        options={timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
        hint="Daily removal budgets and reminders follow this account’s local day."
        error={fe.timeZone}
      />
      <CheckboxField
        label="This LinkedIn account is new"
        name="isNew"
        hint="New accounts get a lower daily removal budget (about 10 a day), which keeps them clear of LinkedIn’s limits."
      />
      <div><Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add account"}</Button></div>
    </form>
  );
}
