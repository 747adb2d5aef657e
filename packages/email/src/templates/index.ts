import { createElement } from "react";
import { render } from "@react-email/render";
import { InvitationEmail, type TInvitationEmailProps } from "./invitation";
import { PasswordResetEmail, type TPasswordResetEmailProps } from "./password-reset";
import { SignUpNoticeEmail, type TSignUpNoticeEmailProps } from "./sign-up-notice";

export type TEmailTemplate =
  | { kind: "invitation"; props: TInvitationEmailProps }
  | { kind: "password-reset"; props: TPasswordResetEmailProps }
  | { kind: "sign-up-notice"; props: TSignUpNoticeEmailProps };

export type TRenderedEmail = { subject: string; html: string; text: string };

function subjectOf(t: TEmailTemplate): string {
  switch (t.kind) {
    case "invitation":
      // Fixed text: team and inviter names are chosen by the sender, so they stay out of the subject.
      return "You are invited to join a team on Connection CRM";
    case "password-reset":
      return "Reset your Connection CRM password";
    case "sign-up-notice":
      return t.props.accountExisted ? "You already have a Connection CRM account" : "Your Connection CRM account is ready";
  }
}

function elementOf(t: TEmailTemplate) {
  switch (t.kind) {
    case "invitation":
      return createElement(InvitationEmail, t.props);
    case "password-reset":
      return createElement(PasswordResetEmail, t.props);
    case "sign-up-notice":
      return createElement(SignUpNoticeEmail, t.props);
  }
}

export async function renderEmail(t: TEmailTemplate): Promise<TRenderedEmail> {
  const el = elementOf(t);
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true })]);
  return { subject: subjectOf(t), html, text };
}
