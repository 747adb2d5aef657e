import Link from "next/link";
import { redirect } from "next/navigation";
import { listUserTeams } from "@crm/core";
import { buttonClass } from "@crm/ui";
import { getCurrentUser } from "@/lib/session";

export default async function Home() {
  const user = await getCurrentUser();
  if (user) {
    const teams = await listUserTeams({ userId: user.id });
    redirect(teams[0] ? `/t/${teams[0].slug}` : "/teams/new");
  }
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-6 px-6">
      <h1 className="text-4xl font-bold">Connection CRM</h1>
      <p className="text-lg text-gray-700">
        Your team&apos;s LinkedIn networks in one place: score connections against your ideal customer profile, review
        them together, and prune safely — we link, you click. We never ask for your LinkedIn password.
      </p>
      <div className="flex gap-3">
        <Link href="/sign-up" className={buttonClass("primary")}>Create an account</Link>
        <Link href="/sign-in" className={buttonClass("secondary")}>Sign in</Link>
      </div>
    </main>
  );
}
