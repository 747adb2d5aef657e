/** The zones core accepts (the runtime's IANA list plus UTC), sorted for the select. */
export function timeZoneOptions(): string[] {
  return [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();
}
