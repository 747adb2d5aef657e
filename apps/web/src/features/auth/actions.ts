"use server";
import { after } from "next/server";
import { headers } from "next/headers";
import { z } from "zod";
import { acceptInvitation, changePassword, prepareResetRequest, registerAccount, resetPassword, signUp, ZSignUpInput } from "@crm/core";
import { publicAction, userAction, type TActionState } from "@/lib/action";
import { clientIp } from "@/lib/client-ip";

const ZSignUpForm = ZSignUpInput.extend({ teamName: z.string().trim().max(80).optional().transform((v) => v || undefined), invitationToken: z.string().max(200).optional().transform((v) => v || undefined) });

export const signUpAction = publicAction(ZSignUpForm, async (input): Promise<TActionState> => {
  // An invitation names its address and the invitation page already says whether it has an
  // account, so that path signs in at once. The open sign-up answers the same for every address.
  if (input.invitationToken) {
    const r = await signUp(input);
    return { ok: true, data: { slug: r.team.slug } };
  }
  await registerAccount(input);
  return { ok: true, message: `Check your email: we sent a message to ${input.email} with the next step.`, data: { checkEmail: true } };
});

export const forgotPasswordAction = publicAction(z.object({ email: z.string() }), async (input) => {
  const { work } = prepareResetRequest({ email: input.email, ip: clientIp(await headers()) });
  // After the answer: the lookup, quota and email take no time the requester can measure.
  after(() => work().catch((e: unknown) => console.error("password reset request failed:", e)));
  return { ok: true, message: "If an account exists for that email, we sent a link to reset the password. It expires in 30 minutes." };
});

export const resetPasswordAction = publicAction(z.object({ token: z.string().max(200), password: z.string().max(512) }), async (input) => {
  const r = await resetPassword(input);
  return { ok: true, message: "Your password was changed and every session was signed out. Sign in with the new password.", data: { email: r.email } };
});

export const changePasswordAction = userAction(
  z.object({ currentPassword: z.string().max(512), newPassword: z.string().max(512) }),
  async (input, user) => {
    const r = await changePassword({ userId: user.id, sessionId: user.sessionId, ...input });
    const others = r.endedSessions === 1 ? "1 other session was" : `${r.endedSessions} other sessions were`;
    return { ok: true, message: `Password changed. ${others} signed out.` };
  },
);

export const acceptInvitationAction = userAction(z.object({ token: z.string().max(200) }), async (input, user) => {
  const team = await acceptInvitation({ token: input.token, user });
  return { ok: true, data: { slug: team.slug } };
});
