import type { TRenderedEmail } from "./templates";

// Notification emails (instant and daily summary): one model, rendered to HTML by a react-email
// template and to plain text by a function over the same model. The text part is not React's
// plainText conversion: that costs milliseconds per email, a string join costs microseconds.

/** Everything a notification email says; self-contained (no core imports), every href absolute. */
export type TNotificationMailModel = {
  recipient: { name: string; email: string };
  team: { name: string; slug: string };
  /** Newest last is not required: shown in the order given. At most 20 are listed. */
  items: Array<{ text: string; href: string; when: string }>;
  /** Notifications beyond those listed. */
  more: number;
  /** The bell's full page in the app. */
  notificationsUrl: string;
  preferencesUrl: string;
  /** One-topic footer link (the same token as the List-Unsubscribe header), or none for mixed kinds. */
  unsubscribe: { pageUrl: string; label: string } | null;
};

/** Daily summaries add the local date they cover, e.g. "Monday, December 7". */
export type TDailySummaryMailModel = TNotificationMailModel & { dateLabel: string };

export const NOTIFICATION_MAIL_ITEMS = 20;

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

function plainText(model: TNotificationMailModel, heading: string): string {
  const lines = [heading, ""];
  for (const item of model.items) lines.push(`- ${oneLine(item.text)} (${item.when})`, `  ${item.href}`);
  if (model.more > 0) lines.push(`- and ${model.more.toLocaleString("en")} more: ${model.notificationsUrl}`);
  lines.push("", "--", `You get this email as a member of ${model.team.name}.`, `Choose which emails you get: ${model.preferencesUrl}`);
  if (model.unsubscribe) lines.push(`Stop emails about ${model.unsubscribe.label}: ${model.unsubscribe.pageUrl}`);
  return lines.join("\n") + "\n";
}

async function render(model: TNotificationMailModel, heading: string, subject: string): Promise<TRenderedEmail> {
  // Loaded on first use, like addToOutbox: the renderer is memory a delivering process never needs.
  const [{ createElement }, { render: renderHtml }, { NotificationEmail }] = await Promise.all([import("react"), import("@react-email/render"), import("./templates/notification")]);
  const capped = { ...model, items: model.items.slice(0, NOTIFICATION_MAIL_ITEMS), more: model.more + Math.max(0, model.items.length - NOTIFICATION_MAIL_ITEMS) };
  const html = await renderHtml(createElement(NotificationEmail, { model: capped, heading }));
  return { subject: oneLine(subject).slice(0, 200), html, text: plainText(capped, heading) };
}

/** One or several notifications as they happen. Subject: the notification itself when there is one. */
export function renderNotificationEmail(model: TNotificationMailModel): Promise<TRenderedEmail> {
  const n = model.items.length + model.more;
  const subject = n === 1 && model.items[0] ? model.items[0].text : `${n.toLocaleString("en")} new notifications in ${model.team.name}`;
  const heading = n === 1 ? `New in ${model.team.name}` : `${n.toLocaleString("en")} new notifications in ${model.team.name}`;
  return render(model, heading, subject);
}

/** The day's notifications of the kinds the member wants once a day. */
export function renderDailySummaryEmail(model: TDailySummaryMailModel): Promise<TRenderedEmail> {
  const n = model.items.length + model.more;
  const heading = `${model.team.name}: ${n.toLocaleString("en")} ${n === 1 ? "notification" : "notifications"} — ${model.dateLabel}`;
  return render(model, heading, `Your daily summary for ${model.team.name}: ${n.toLocaleString("en")} ${n === 1 ? "notification" : "notifications"}`);
}
