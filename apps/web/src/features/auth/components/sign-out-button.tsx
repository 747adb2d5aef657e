"use client";
import { signOut } from "next-auth/react";
import { Button } from "@crm/ui";

export function SignOutButton() {
  return <Button variant="ghost" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>Sign out</Button>;
}
