// Local days in an IANA time zone (DST-correct, 30-minute shifts included), via @date-fns/tz.

/** The local calendar date ("YYYY-MM-DD") of `at` in `timeZone`. */
export declare function localDateOf(at: Date, timeZone: string): string;

/** The instant the local day `localDate` starts in `timeZone`. */
export declare function startOfLocalDay(localDate: string, timeZone: string): Date;

/** `localDate` plus `days` calendar days ("YYYY-MM-DD"). */
export declare function addLocalDays(localDate: string, days: number): string;

/** The local day of `at`, its start and the start of the next one (resetsAt). */
export declare function localDay(at: Date, timeZone: string): { localDate: string; startsAt: Date; resetsAt: Date };

/** The rolling weekly window ending on `localDate`: the 7 local dates from `from` to `localDate`. */
export declare function weekWindow(localDate: string): { from: string; to: string };
