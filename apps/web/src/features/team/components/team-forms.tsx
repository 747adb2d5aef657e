"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Button, Field, SelectField } from "@crm/ui";
import { ActionForm } from "@/features/auth/components/simple-action-form";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { changeRoleAction, createTeamAction, inviteAction, removeMemberAction, revokeInvitationAction } from "../actions";
import { Alert } from "@crm/ui";

const ROLE_OPTIONS = [
  { value: "MEMBER", label: "Member" },
  { value: "ADMIN", label: "Admin" },
  { value: "OWNER", label: "Owner" },
];

export function InviteForm({ teamSlug }: { teamSlug: string }) {
  return (
    <ActionForm action={inviteAction} submitLabel="Send invitation" pendingLabel="Sending…" resetOnSuccess className="flex flex-col gap-3 sm:flex-row sm:items-end">
      {(fe) => (
        <>
          <input type="hidden" name="teamSlug" value={teamSlug} />
          <Field className="flex-1" label="Email address" name="email" type="email" autoComplete="off" required error={fe.email} />
          <SelectField label="Role" name="role" defaultValue="MEMBER" options={ROLE_OPTIONS.slice(0, 2)} />
        </>
      )}
    </ActionForm>
  );
}

export function CreateTeamForm() {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction(createTeamAction);
  useEffect(() => {
    if (state?.ok && state.data?.slug) router.push(`/t/${state.data.slug}`);
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <Field label="Team name" name="name" required error={state?.fieldErrors?.name} />
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create team"}</Button>
    </form>
  );
}

/** One row's controls; each is its own small form so keyboard users can tab straight to it. */
export function MemberControls({ teamSlug, membershipId, role, name, isSelf, canManage, canGrantOwner }: {
  teamSlug: string; membershipId: string; role: string; name: string; isSelf: boolean; canManage: boolean; canGrantOwner: boolean;
}) {
  const router = useRouter();
  const roleForm = useFormAction(changeRoleAction);
  const removeForm = useFormAction(removeMemberAction);
  useEffect(() => {
    if (removeForm.state?.ok && removeForm.state.data?.left) router.replace("/");
  }, [removeForm.state, router]);
  const message = roleForm.state?.message ?? removeForm.state?.message;
  const failed = roleForm.state?.ok === false || removeForm.state?.ok === false;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {canManage && !isSelf && (
        <form onSubmit={roleForm.onSubmit} className="flex items-center gap-2">
          <input type="hidden" name="teamSlug" value={teamSlug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <SelectField hideLabel label={`Role for ${name}`} name="role" defaultValue={role} options={canGrantOwner ? ROLE_OPTIONS : ROLE_OPTIONS.slice(0, 2)} />
          <Button type="submit" variant="secondary" disabled={roleForm.pending}>Save role</Button>
        </form>
      )}
      {(canManage || isSelf) && (
        <form
          onSubmit={(e) => {
            if (!window.confirm(isSelf ? "Leave this team?" : `Remove ${name} from the team? Their sessions will be signed out.`)) e.preventDefault();
            else removeForm.onSubmit(e);
          }}
        >
          <input type="hidden" name="teamSlug" value={teamSlug} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <Button type="submit" variant="danger" disabled={removeForm.pending}>{isSelf ? "Leave team" : `Remove ${name}`}</Button>
        </form>
      )}
      {message && <p role={failed ? "alert" : "status"} className={`w-full text-right text-sm ${failed ? "text-red-700" : "text-green-800"}`}>{message}</p>}
    </div>
  );
}

export function RevokeInvitationButton({ teamSlug, invitationId, email }: { teamSlug: string; invitationId: string; email: string }) {
  const f = useFormAction(revokeInvitationAction);
  return (
    <form onSubmit={f.onSubmit}>
      <input type="hidden" name="teamSlug" value={teamSlug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="ghost" disabled={f.pending}>Revoke invitation for {email}</Button>
      {f.state?.ok === false && <p role="alert" className="text-sm text-red-700">{f.state.message}</p>}
    </form>
  );
}
