import { Body, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { TNotificationMailModel } from "../notification-mail";

// Notification emails (instant and the daily summary). Colors read on light and dark clients: the
// color-scheme meta lets a dark client keep them, mid-tone text stays legible on either background.

const text = { color: "#374151", fontSize: "14px", lineHeight: "20px", margin: "0" } as const;
const muted = { color: "#6b7280", fontSize: "12px", lineHeight: "18px" } as const;
const link = { color: "#1d4ed8", textDecoration: "underline" } as const;

export function NotificationEmail({ model, heading }: { model: TNotificationMailModel; heading: string }) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>{model.items[0]?.text ?? heading}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", borderRadius: "8px", maxWidth: "560px" }}>
          <Heading as="h1" style={{ color: "#111827", fontSize: "18px", margin: "0 0 16px" }}>{heading}</Heading>
          <Section>
            {model.items.map((item, i) => (
              <Text key={i} style={{ ...text, padding: "8px 0", borderBottom: "1px solid #e5e7eb" }}>
                <Link href={item.href} style={link}>{item.text}</Link>
                <br />
                <span style={muted}>{item.when}</span>
              </Text>
            ))}
            {model.more > 0 && (
              <Text style={{ ...text, paddingTop: "8px" }}>
                <Link href={model.notificationsUrl} style={link}>{`and ${model.more.toLocaleString("en")} more in ${model.team.name}`}</Link>
              </Text>
            )}
          </Section>
          <Text style={{ ...muted, marginTop: "24px" }}>
            {`You get this email as a member of ${model.team.name}. `}
            <Link href={model.preferencesUrl} style={link}>Choose which emails you get</Link>
            {model.unsubscribe && (
              <>
                {" · "}
                <Link href={model.unsubscribe.pageUrl} style={link}>{`Stop emails about ${model.unsubscribe.label}`}</Link>
              </>
            )}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
