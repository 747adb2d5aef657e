import { serverEnv } from "@crm/config";
import { db } from "@crm/db";
import { addToOutbox, publishOutbox } from "@crm/email";
import { takeEmailQuota } from "../auth/email-rate-limit";
import { hashPassword } from "../auth/password-hash";
import { passwordProblem } from "../auth/password-policy";
import { invalid, isDomainError } from "../errors";
import { signUp, ZSignUpInput, type TSignUpInput } from "./sign-up";

/**
 * Public sign-up without account discovery: the answer is the same whether or not the email
 * already has an account, and so is the work (one argon2 hash, one outbox email). A new address
 * gets its account and a "ready" email; a known one gets "you already have an account" with
 * sign-in and reset links. Invitation sign-ups use `signUp` (the invitation preview already
 * tells its holder whether the address has an account).
 */
export async function registerAccount(raw: Omit<TSignUpInput, "invitationToken">): Promise<void> {
  const input = ZSignUpInput.omit({ invitationToken: true }).parse(raw);
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) throw invalid("password", problem);
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { name: true } });
  let accountExisted = !!existing;
  if (existing) {
    await hashPassword(input.password); // the same cost as creating the account
  } else {
    try {
      await signUp(input);
    } catch (e) {
      if (!(isDomainError(e) && e.code === "CONFLICT" && e.details.field === "email")) throw e;
      accountExisted = true; // a concurrent sign-up took the address first
    }
  }
  if ((await takeEmailQuota([["sign-up-email", input.email]])) !== null) return;
  const app = serverEnv().APP_URL;
  const outboxId = await addToOutbox(db(), {
    dedupeKey: `sign-up-notice:${crypto.randomUUID()}`,
    to: input.email,
    template: {
      kind: "sign-up-notice",
      props: { name: existing?.name ?? input.name, accountExisted, signInUrl: `${app}/sign-in?email=${encodeURIComponent(input.email)}`, resetUrl: `${app}/forgot-password` },
    },
  });
  await publishOutbox(outboxId);
}
