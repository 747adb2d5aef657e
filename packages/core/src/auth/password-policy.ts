import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@crm/config";

// NIST 800-63B style: length limits counted in Unicode code points, no composition rules, and a
// blocklist of common passwords. The password is used exactly as typed (no trimming or folding).

let blocklist: Set<string> | undefined;
function commonPasswords(): Set<string> {
  blocklist ??= new Set((dictionary["passwords-common"] as string[]).filter((p) => p.length >= PASSWORD_MIN_LENGTH));
  return blocklist;
}

export function passwordLength(password: string): number {
  return [...password].length;
}

/** Returns the problem with a password in words a user can act on, or null when it is fine. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const len = passwordLength(password);
  if (len < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters (you typed ${len}).`;
  if (len > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters (you typed ${len}).`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "This password is on a list of commonly used passwords. Choose another.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return "Do not use your email address as your password.";
  if (context.email && lower === context.email.toLowerCase()) return "Do not use your email address as your password.";
  return null;
}
