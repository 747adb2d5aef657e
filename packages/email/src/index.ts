export { addToOutbox, addRenderedToOutbox, publishOutbox, deliverOutboxEmail, sweepOutbox, MAX_SEND_ATTEMPTS, type TDeliverResult, type TOutboxTags } from "./outbox";
export type { TEmailTemplate, TRenderedEmail } from "./templates";
export { sendMessage, type TOutgoingMessage } from "./transport";
// Digest and notification emails (issue 12): each file exports its own render functions.
export * from "./digest";
export * from "./notification-mail";
