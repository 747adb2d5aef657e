import Link from "next/link";
import { listUserTeams } from "@crm/core";
import { Card } from "@crm/ui";
import { ChangePasswordForm } from "@/features/auth/components/password-forms";
import { SignOutButton } from "@/features/auth/components/sign-out-button";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const teams = await listUserTeams({ userId: user.id });
  return (
    <main id="main" className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-10">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <SignOutButton />
      </div>
      <p className="text-gray-700">{user.name} · {user.email}</p>
      <Card title="Your teams">
        <ul className="list-disc pl-6">
          {teams.map((t) => <li key={t.slug}><Link className="text-blue-800 underline" href={`/t/${t.slug}`}>{t.name}</Link> ({t.role.toLowerCase()})</li>)}
        </ul>
        <p className="mt-3 text-sm"><Link className="text-blue-800 underline" href="/teams/new">Create another team</Link></p>
      </Card>
      <Card title="Change password">
        <p className="mb-4 text-sm text-gray-700">Changing your password signs out every other session.</p>
        <ChangePasswordForm />
      </Card>
    </main>
  );
}
