import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export function Layout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", borderRadius: "8px", maxWidth: "560px" }}>
          <Section>{children}</Section>
          <Text style={{ color: "#6b7280", fontSize: "12px", marginTop: "32px" }}>
            Connection CRM — we never ask for your LinkedIn password.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#1d4ed8",
  color: "#ffffff",
  padding: "10px 16px",
  borderRadius: "6px",
  textDecoration: "none",
  display: "inline-block",
} as const;
