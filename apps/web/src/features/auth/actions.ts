"use server";
import { z } from "zod";
import { acceptInvitation, changePassword, requestPasswordReset, resetPassword, signUp, ZSignUpInput } from "@crm/core";
import { publicAction, userAction } from "@/lib/action";

export const signUpAction = publicAction(
  ZSignUpInput.extend({ teamName: z.string().trim().max(80).optional().transform((v) => v || undefined), invitationToken: z.string().max(200).optional().transform((v) => v || undefined) }),
  async (input) => {
    const r = await signUp(input);
    return { ok: true, data: { slug: r.team.slug } };
  },
);

export const forgotPasswordAction = publicAction(z.object({ email: z.string() }), async (input) => {
  await requestPasswordReset(input);
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
