import { Button, Heading, Text } from "@react-email/components";
import { Layout, buttonStyle } from "./layout";

export type TInvitationEmailProps = { teamName: string; inviterName: string; role: string; acceptUrl: string; expiresInHours: number };

export function InvitationEmail(p: TInvitationEmailProps) {
  return (
    <Layout preview={`${p.inviterName} invited you to ${p.teamName}`}>
      <Heading as="h1" style={{ fontSize: "20px" }}>Join {p.teamName} on Connection CRM</Heading>
      <Text>
        {p.inviterName} invited you to join <strong>{p.teamName}</strong> as {p.role.toLowerCase()}.
      </Text>
      <Button href={p.acceptUrl} style={buttonStyle}>Accept invitation</Button>
      <Text>Or paste this link into your browser: {p.acceptUrl}</Text>
      <Text>The link works once and expires in {p.expiresInHours} hours.</Text>
    </Layout>
  );
}
