import { createElement } from "react";
import { render } from "@react-email/render";
import { InvitationEmail, type TInvitationEmailProps } from "./invitation";
import { PasswordResetEmail, type TPasswordResetEmailProps } from "./password-reset";

export type TEmailTemplate =
  | { kind: "invitation"; props: TInvitationEmailProps }
  | { kind: "password-reset"; props: TPasswordResetEmailProps };

export type TRenderedEmail = { subject: string; html: string; text: string };

function subjectOf(t: TEmailTemplate): string {
  switch (t.kind) {
    case "invitation":
      return `${t.props.inviterName} invited you to ${t.props.teamName}`;
    case "password-reset":
      return "Reset your Connection CRM password";
  }
}

function elementOf(t: TEmailTemplate) {
  switch (t.kind) {
    case "invitation":
      return createElement(InvitationEmail, t.props);
    case "password-reset":
      return createElement(PasswordResetEmail, t.props);
  }
}

export async function renderEmail(t: TEmailTemplate): Promise<TRenderedEmail> {
  const el = elementOf(t);
  const [html, text] = await Promise.all([render(el), render(el, { plainText: true })]);
  return { subject: subjectOf(t), html, text };
}
