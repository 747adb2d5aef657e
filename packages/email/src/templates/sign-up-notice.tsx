import { Button, Heading, Text } from "@react-email/components";
import { Layout, buttonStyle } from "./layout";

// Sign-up answers every address with "check your email" (no account discovery on the page), so
// both outcomes arrive here: a new account is ready, or the address already had one.
export type TSignUpNoticeEmailProps = { name: string; accountExisted: boolean; signInUrl: string; resetUrl: string };

export function SignUpNoticeEmail(p: TSignUpNoticeEmailProps) {
  if (p.accountExisted) {
    return (
      <Layout preview="You already have a Connection CRM account">
        <Heading as="h1" style={{ fontSize: "20px" }}>You already have an account</Heading>
        <Text>Hi {p.name}, someone (hopefully you) tried to create a Connection CRM account with this email address. It already has one, so nothing was changed.</Text>
        <Button href={p.signInUrl} style={buttonStyle}>Sign in</Button>
        <Text>Forgot your password? Choose a new one here: {p.resetUrl}</Text>
        <Text>If this was not you, ignore this email: your account stays as it is.</Text>
      </Layout>
    );
  }
  return (
    <Layout preview="Your Connection CRM account is ready">
      <Heading as="h1" style={{ fontSize: "20px" }}>Your account is ready</Heading>
      <Text>Hi {p.name}, welcome to Connection CRM. Your account and your team are set up.</Text>
      <Button href={p.signInUrl} style={buttonStyle}>Sign in</Button>
      <Text>Or paste this link into your browser: {p.signInUrl}</Text>
    </Layout>
  );
}
