import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/features/auth/components/providers";
import "./globals.css";

// Every page depends on the session; nothing is prerendered at build time (and the build needs no secrets).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Connection CRM", template: "%s · Connection CRM" }, description: "A team-first CRM for your LinkedIn network." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">Skip to content</a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
