// Public surface of core/reminders (issue 12); each owner adds its exports here.
export * from "./types";
export { createReminders } from "./create";
export { listReminders, listConnectionReminders, REMINDER_COUNT_CAP } from "./list";
export { actOnReminder } from "./act";
export { setTagCadence, refreshCadenceReminders, enqueueCadenceRefresh, CADENCE_DAYS_MAX } from "./cadence";
export { notifyDueReminders } from "./notify";
export { notifyJobChanges } from "./job-changes";
export { dueInstantFor, nineAmOn, isTimeZone } from "./due-date";
