// Notification emails, instant and daily summary (owner: delivery work). Exports their render functions.
export {};
