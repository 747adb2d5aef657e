import { Button, Heading, Text } from "@react-email/components";
import { Layout, buttonStyle } from "./layout";

export type TPasswordResetEmailProps = { name: string; resetUrl: string; expiresInMinutes: number };

export function PasswordResetEmail(p: TPasswordResetEmailProps) {
  return (
    <Layout preview="Reset your Connection CRM password">
      <Heading as="h1" style={{ fontSize: "20px" }}>Reset your password</Heading>
      <Text>Hi {p.name}, someone (hopefully you) asked to reset your password.</Text>
      <Button href={p.resetUrl} style={buttonStyle}>Choose a new password</Button>
      <Text>Or paste this link into your browser: {p.resetUrl}</Text>
      <Text>
        The link works once and expires in {p.expiresInMinutes} minutes. If you did not ask for this, ignore this
        email: your password stays as it is.
      </Text>
    </Layout>
  );
}
