import { describe, expect, it } from "vitest";
import { NOTIFICATION_MAIL_ITEMS, renderDailySummaryEmail, renderNotificationEmail, type TNotificationMailModel } from "./notification-mail";

const model = (n: number, over: Partial<TNotificationMailModel> = {}): TNotificationMailModel => ({
  recipient: { name: "Ana", email: "ana@example.com" },
  team: { name: "Acme <Sales>", slug: "acme" },
  items: Array.from({ length: n }, (_, i) => ({ text: `Bo mentioned you on Person ${i}`, href: `https://crm.example/t/acme/queue/items/i${i}`, when: "Dec 5, 14:03" })),
  more: 0,
  notificationsUrl: "https://crm.example/t/acme/notifications",
  preferencesUrl: "https://crm.example/t/acme/settings/notifications",
  unsubscribe: { pageUrl: "https://crm.example/unsubscribe/tok", label: "mentions" },
  ...over,
});

describe("notification emails", () => {
  it("one notification: its sentence is the subject; both parts link to it and to the preferences", async () => {
    const r = await renderNotificationEmail(model(1));
    expect(r.subject).toBe("Bo mentioned you on Person 0");
    expect(r.text).toContain("- Bo mentioned you on Person 0 (Dec 5, 14:03)\n  https://crm.example/t/acme/queue/items/i0");
    expect(r.text).toContain("Choose which emails you get: https://crm.example/t/acme/settings/notifications");
    expect(r.text).toContain("Stop emails about mentions: https://crm.example/unsubscribe/tok");
    expect(r.html).toContain('href="https://crm.example/t/acme/queue/items/i0"');
    expect(r.html).toContain('name="color-scheme"');
    // Names are text, never markup.
    expect(r.html).toContain("Acme &lt;Sales&gt;");
    expect(r.html).not.toContain("<Sales>");
  });

  it("many: a count in the subject, at most 20 listed and the rest linked as 'more'", async () => {
    const r = await renderNotificationEmail(model(NOTIFICATION_MAIL_ITEMS + 5));
    expect(r.subject).toBe("25 new notifications in Acme <Sales>");
    expect(r.text.match(/^- Bo mentioned/gm)).toHaveLength(NOTIFICATION_MAIL_ITEMS);
    expect(r.text).toContain("- and 5 more: https://crm.example/t/acme/notifications");
  });

  it("a subject never carries a line break (header injection) and no unsubscribe line without a topic", async () => {
    const r = await renderNotificationEmail(model(1, { items: [{ text: "Bo\r\nBcc: x@evil.test", href: "https://crm.example/x", when: "now" }], unsubscribe: null }));
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.text).not.toContain("Stop emails about");
  });

  it("daily summary: the date in the heading, the count in the subject", async () => {
    const r = await renderDailySummaryEmail({ ...model(2, { more: 3 }), dateLabel: "Monday, December 7" });
    expect(r.subject).toBe("Your daily summary for Acme <Sales>: 5 notifications");
    expect(r.text.split("\n")[0]).toBe("Acme <Sales>: 5 notifications — Monday, December 7");
    expect(r.text).toContain("- and 3 more");
  });
});
