import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@crm/config";
import { db } from "@crm/db";
import { DomainError } from "../errors";
import { clearAccountFailures, takeLoginAttempt } from "./login-rate-limit";
import { verifyPassword } from "./password-hash";
import { normalizeEmail } from "./tokens";

export const ZAuthenticateInput = z.object({
  email: z.string().max(320),
  // Cap what we hash (argon2 of a megabyte is a denial-of-service vector); the policy caps at 128.
  password: z.string().max(PASSWORD_MAX_LENGTH * 4),
  ip: z.string().max(100),
});
export type TAuthenticateInput = z.infer<typeof ZAuthenticateInput>;

const INVALID = () => new DomainError("INVALID_CREDENTIALS", "Email or password is incorrect.");

/** Same message and the same work (one argon2 verify) whether or not the email is known. */
export async function authenticate(input: TAuthenticateInput): Promise<{ id: string; email: string; name: string }> {
  const { email, password, ip } = ZAuthenticateInput.parse(input);
  const key = normalizeEmail(email);
  // Counted before the check (and given back on success), so parallel guesses cannot all pass.
  await takeLoginAttempt(key, ip);
  const user = await db().user.findUnique({ where: { email: key }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) throw INVALID();
  await clearAccountFailures(key, ip);
  return { id: user.id, email: user.email, name: user.name };
}
