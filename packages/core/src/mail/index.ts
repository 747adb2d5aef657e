// Public surface of core/mail (issue 12); each owner adds its exports here.
export {
  EMAIL_KINDS,
  EMAIL_MODES,
  EMAIL_KIND_LABELS,
  DEFAULT_EMAIL_MODES,
  DEFAULT_DIGEST,
  ZMailPreferencesInput,
  isEmailKind,
  modeFor,
  resolveModes,
  defaultMailPreferences,
  loadMailPreferences,
  getMailPreferences,
  updateMailPreferences,
  type TEmailKind,
  type TEmailMode,
  type TMailPreferences,
  type TMailPreferencesInput,
} from "./preferences";
export {
  UNSUBSCRIBE_TOPICS,
  isUnsubscribeTopic,
  unsubscribeToken,
  readUnsubscribeToken,
  unsubscribeUrl,
  unsubscribePageUrl,
  unsubscribeHeaders,
  type TUnsubscribeTopic,
  type TUnsubscribeArgs,
} from "./unsubscribe-token";
export { previewUnsubscribe, unsubscribe, topicLabel, topicPlural, isSubscribed, type TUnsubscribePreview, type TUnsubscribeResult } from "./unsubscribe";
export { sweepMail, type TSweepResult } from "./sweep";
export { mailNotifications, type TMailResult } from "./notification-mail";
export { sendDailySummaries, type TDueMember, type TSummaryStatus } from "./daily-summary";
export { listTeamDeliveries, retryDelivery, type TDeliveryView, type TDeliveryStatus } from "./deliveries";
