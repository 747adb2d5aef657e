"use client";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { queuePath, type TQueueQuery } from "../../queue-url";

type TAccount = { id: string; label: string; owner: { name: string } };

/** "All accounts" or one LinkedIn account; changing it navigates (the account is in the URL). */
export function AccountPicker({ teamSlug, query, accounts }: { teamSlug: string; query: TQueueQuery; accounts: TAccount[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-gray-800">Account</label>
      <select
        id={id}
        value={query.account ?? ""}
        aria-busy={pending}
        onChange={(e) => start(() => router.push(queuePath(teamSlug, { ...query, account: e.target.value || null, cursor: null })))}
        className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm text-gray-900 ring-1 ring-gray-300 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <option value="">All accounts</option>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>{a.label} ({a.owner.name})</option>
        ))}
      </select>
    </div>
  );
}
