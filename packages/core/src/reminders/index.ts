// Public surface of core/reminders (issue 12); each owner adds its exports here.
export {};
