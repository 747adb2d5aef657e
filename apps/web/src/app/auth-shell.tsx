import Link from "next/link";
import type { ReactNode } from "react";

/** The centered card used by sign-in, sign-up, reset and invitation pages. */
export function AuthShell({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-12">
      <Link href="/" className="text-center text-sm font-semibold tracking-wide text-blue-800">Connection CRM</Link>
      <div className="rounded-lg bg-white p-8 shadow-sm ring-1 ring-gray-200">
        <h1 className="mb-6 text-2xl font-semibold">{title}</h1>
        {children}
      </div>
      {footer && <div className="text-center text-sm text-gray-700">{footer}</div>}
    </main>
  );
}
