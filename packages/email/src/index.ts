export { addToOutbox, publishOutbox, deliverOutboxEmail, sweepOutbox, type TDeliverResult } from "./outbox";
export { renderEmail, type TEmailTemplate, type TRenderedEmail } from "./templates";
export { sendMessage, type TOutgoingMessage } from "./transport";
