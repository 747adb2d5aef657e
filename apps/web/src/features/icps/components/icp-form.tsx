"use client";
import { useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { TIcpDefinition } from "@crm/scoring";
import { Alert, Button, buttonClass, Card, Field } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { saveIcpAction } from "../actions";
import { draftOf, sectionOf, toDefinition, type TDraft } from "../draft";
import { IcpCriteria } from "./icp-criteria";
import { IcpPreviewPanel } from "./icp-preview";
import type { TTagChoice } from "./tag-rules";
import { useIcpPreview } from "./use-icp-preview";

type TProps = {
  teamSlug: string;
  icpId?: string;
  initialName: string;
  initialDefinition: TIcpDefinition;
  canEdit: boolean;
  cancelUrl: string;
  /** The team's tags, for tag rules. */
  tags: TTagChoice[];
};

/**
 * The ICP editor: plain controls per criterion, and beside them a live preview of how the team's
 * network would score. Saving goes through a server action; the definition travels as one hidden
 * JSON field built from the controls (nobody edits JSON).
 */
export function IcpForm({ teamSlug, icpId, initialName, initialDefinition, canEdit, cancelUrl, tags }: TProps) {
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [draft, setDraft] = useState<TDraft>(() => draftOf(initialDefinition));
  const definition = useMemo(() => toDefinition(draft), [draft]);
  const preview = useIcpPreview(`/api/t/${teamSlug}/icps/preview`, definition);
  const { state, pending, onSubmit } = useFormAction(saveIcpAction);

  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  useEffect(() => {
    if (state?.ok && state.data?.icpId) router.push(`/t/${teamSlug}/icps/${state.data.icpId}`);
  }, [state, router, teamSlug]);

  // A save error wins over the preview's (it is the answer to what the user just did).
  const saveErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(state?.fieldErrors ?? {})) saveErrors[sectionOf(field)!] ??= message;
  const previewSection = sectionOf(preview.error?.field);
  const errorFor = (section: string) => saveErrors[section] ?? (previewSection === section ? preview.error?.message : undefined);
  const placed = new Set([...Object.keys(saveErrors).filter((s) => s === "name" || s in draft)]);
  const formMessage = state && !state.ok && state.message && placed.size === 0 ? state.message : null;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Ideal customer profile">
        {!canEdit && <Alert>Only team owners and admins can change ideal customer profiles. You can try criteria here and watch the preview, but not save.</Alert>}
        {formMessage && <Alert tone="error">{formMessage}</Alert>}
        {placed.size > 0 && state?.message && <p role="alert" className="sr-only">{state.message}</p>}
        <input type="hidden" name="teamSlug" value={teamSlug} />
        {icpId && <input type="hidden" name="icpId" value={icpId} />}
        <input type="hidden" name="definition" value={JSON.stringify(definition)} />
        <Field
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
          placeholder="e.g. Mid-market sales leaders"
          hint="How your team will refer to this profile."
          error={saveErrors.name}
          disabled={!canEdit}
        />
        <IcpCriteria draft={draft} set={set} errorFor={errorFor} disabled={!canEdit} tags={tags} tagsUrl={`/t/${teamSlug}/tags`} />
        <div className="flex flex-wrap items-center gap-3">
          {canEdit && <Button type="submit" disabled={pending || !!state?.ok}>{pending ? "Saving…" : state?.ok ? "Saved. Opening…" : "Save profile"}</Button>}
          <Link className={buttonClass("secondary")} href={cancelUrl}>Cancel</Link>
          {canEdit && <p className="text-xs text-gray-600">Saving rescores every connection in the background.</p>}
        </div>
      </form>
      {/* Stays in view while the form scrolls; long sample lists scroll inside it. */}
      <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        <Card title="Live preview">
          <IcpPreviewPanel state={preview} accountsUrl={`/t/${teamSlug}/accounts`} />
        </Card>
      </div>
    </div>
  );
}
