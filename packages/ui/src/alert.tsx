import type { ReactNode } from "react";

const TONES = { error: "bg-red-50 text-red-800 ring-red-200", success: "bg-green-50 text-green-800 ring-green-200", info: "bg-blue-50 text-blue-900 ring-blue-200" } as const;

/** Errors use role="alert" so screen readers announce them when a form comes back. */
export function Alert({ tone = "info", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md p-3 text-sm ring-1 ${TONES[tone]}`}>
      {children}
    </div>
  );
}
