export { addToOutbox, publishOutbox, deliverOutboxEmail, sweepOutbox, type TDeliverResult } from "./outbox";
export type { TEmailTemplate, TRenderedEmail } from "./templates";
export { sendMessage, type TOutgoingMessage } from "./transport";
