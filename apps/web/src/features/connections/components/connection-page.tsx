"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { ConnectionDetail, type TDetailProps } from "./connection-detail";

/** The detail as a page of its own: after a change the server renders it again. */
export function ConnectionPage(props: Omit<TDetailProps, "onChanged" | "headingLevel">) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  return <ConnectionDetail {...props} headingLevel={1} onChanged={() => startTransition(() => router.refresh())} />;
}
